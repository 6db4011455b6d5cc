// Settings: small key/value configuration shared by modules (size rules, later calendars).
export { getSetting, putSetting } from './settings.repository.ts';
