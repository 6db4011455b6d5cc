// Calendar: the official working calendar (法定节假日 and 调休) and working-time arithmetic used by
// every deadline. Other modules use only these.
export { calendarRoutes } from './calendar.routes.ts';
export { loadCalendar } from './calendar.service.ts';
export { stageClock, localDay, type TimeUnit, type WorkCalendar, type SpecialDay, type DayKind, type CalendarYearView } from './calendar.ts';
