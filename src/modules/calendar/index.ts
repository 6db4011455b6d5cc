// Calendar: the official working calendar (法定节假日 and 调休) and working-time arithmetic used by
// every deadline. Other modules use only these.
export { calendarRoutes } from './calendar.routes.ts';
