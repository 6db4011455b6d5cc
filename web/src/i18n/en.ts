// English: same keys as zh-CN.ts (checked by the type below).
import type { Messages } from './zh-CN';
import { importEn } from '../registry/import/messages';
import { peopleEn } from '../registry/people/messages';
import { housingEn } from '../registry/housing/messages';
import { placesEn } from '../registry/places/messages';
import { postingEn } from '../public/messages';
import { casesEn } from '../cases/messages';
import { gridEn } from '../cases/grid/messages';
import { reportEn } from '../public/report/messages';
import { supervisionEn } from '../cases/supervision/messages';
import { measuresEn } from '../cases/measures/messages';
import { calendarEn } from '../settings/messages';
import { inboxEn } from '../inbox/messages';
import { partyEn } from '../party/messages';
import { workforceEn } from '../workforce/messages';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<Messages> = {
  people: peopleEn,
  housing: housingEn,
  places: placesEn,
  posting: postingEn,
  cases: casesEn,
  grid: gridEn,
  report: reportEn,
  supervision: supervisionEn,
  caseMeasures: measuresEn,
  calendar: calendarEn,
  inbox: inboxEn,
  party: partyEn,
  workforce: workforceEn,
  registryImport: importEn,
  app: { name: 'Wangge', product: '网格 wangge', subtitle: 'Grassroots grid governance' },
  common: {
    ok: 'OK', cancel: 'Cancel', save: 'Save', create: 'Create', edit: 'Edit', search: 'Search', reset: 'Reset',
    loading: 'Loading…', actions: 'Actions', open: 'Open', yes: 'Yes', no: 'No', refresh: 'Refresh', close: 'Close',
    submit: 'Submit', success: 'Done', total: '{{total}} in total', none: '—', confirm: 'Confirm', name: 'Name',
    code: 'Code', status: 'Status', all: 'All', backHome: 'Back to home', retry: 'Retry',
  },
  nav: {
    home: 'Home', regions: 'Regions', map: 'Map', users: 'Users', departments: 'Departments', audit: 'Audit',
    coming: 'coming', population: 'Population & housing', cases: 'Cases', party: 'Party building', workforce: 'Workforce',
    services: 'Services & deliberation', emergency: 'Emergency', dashboard: 'Dashboard', system: 'Administration',
  },
  top: { logout: 'Log out', language: 'Language', changePassword: 'Change password' },
  error: {
    network: 'Network error, please check your connection and retry', http: 'Request failed (HTTP {{status}})',
    forbidden: 'Access denied', notFound: 'Not found', notFoundSub: 'The page or record does not exist', generic: 'Something went wrong',
  },
  auth: {
    title: 'Sign in', login: 'Username or mobile', password: 'Password', submit: 'Sign in', loginRequired: 'Enter your username or mobile',
    passwordRequired: 'Enter your password', changeTitle: 'Change password', mustChange: 'Please change your password before continuing.',
    oldPassword: 'Current password', newPassword: 'New password', confirmPassword: 'Confirm new password', mismatch: 'Passwords do not match',
    tooShort: 'At least 8 characters', changed: 'Password changed',
  },
  home: {
    greeting: 'Hello, {{name}}', scope: 'Scope', noScope: 'All regions', roles: 'Roles', department: 'Department',
    quickLinks: 'Quick links', regionsDesc: 'Browse the governance tree and adjust grids', mapDesc: 'See grids and their sizes on the map',
    usersDesc: 'Manage accounts, roles and scopes', auditDesc: 'Read and verify the audit log', departmentsDesc: 'Manage departments and service areas',
  },
  level: { 1: 'City', 2: 'District/county', 3: 'Street/town', 4: 'Community/village', 5: 'Grid', 6: 'Micro-grid' },
  kind: {
    city: 'City', district: 'District', county: 'County', street: 'Street', town: 'Town', community: 'Community', village: 'Village',
    residential: 'Residential grid', rural: 'Rural grid', officeBuilding: 'Office building grid', businessDistrict: 'Business district grid',
    industrialPark: 'Industrial park grid', dedicated: 'Dedicated grid', microGrid: 'Micro-grid', comprehensive: 'Comprehensive grid',
  },
  sizeStatus: { ok: 'OK', under: 'Under', over: 'Over', unknown: 'Unknown' },
  role: {
    admin: 'Administrator', districtStaff: 'District staff', streetStaff: 'Street staff', communityStaff: 'Community staff',
    departmentHandler: 'Department handler', departmentLead: 'Department lead', supervisor: 'Supervisor', gridChief: 'Grid chief', gridWorker: 'Grid worker', buildingHead: 'Building head',
    partySecretary: 'Party secretary', partyMember: 'Party member', resident: 'Resident',
  },
  attribute: { estateAge: 'Estate age', plannedResidents: 'Planned residents', plannedHouseholds: 'Planned households' },
  attributeValue: { estateAge: { old: 'Old estate', new: 'New estate' } },
  counter: { residents: 'Residents', households: 'Households', dwellings: 'Dwellings', buildings: 'Buildings', grids: 'Grids', microGrids: 'Micro-grids', children: 'Children' },
  region: {
    tree: 'Region tree', info: 'Details', searchPlaceholder: 'Name, code or pinyin initials (e.g. jsq)', noResults: 'No matching region',
    selectHint: 'Select a region on the left', code: 'Code', level: 'Level', kind: 'Kind', attributes: 'Attributes',
    counters: 'Counters', children: 'Children', map: 'Map', history: 'History', archived: 'Archived',
    version: 'Version', createdAt: 'Created', updatedAt: 'Updated', childCount: 'Children',
    sizeStatus: 'Size', key: 'Attribute', value: 'Value', noBoundary: 'This region has no boundary',
    warningNumbers: 'actual {{actual}}, target about {{target}} (range {{min}}–{{max}})',
    warningOver: 'above the maximum {{max}}', warningUnder: 'below the minimum {{min}}', showArchived: 'Show archived',
    openOnMap: 'Show on map', export: 'Export', exportGeojson: 'GeoJSON (with boundaries)', exportXlsx: 'Excel sheet',
  },
  zone: {
    title: 'Grid zones', create: 'New zone', edit: 'Edit zone', archive: 'Dissolve', name: 'Zone name', chief: 'Zone chief',
    deputies: 'Deputies', grids: 'Grids', empty: 'No grid zones yet', archiveConfirm: 'Dissolve zone "{{name}}"? Its grids can then join other zones.',
    nameRequired: 'Enter a zone name', gridsRequired: 'Choose at least one grid', chooseGrids: "Choose this community's grids",
    chooseChief: 'Search by name or username', chooseDeputies: 'Several allowed, at most 10', takenBy: 'In "{{zone}}"',
    chiefNotDeputy: 'The chief cannot also be a deputy', usersUnavailable: 'Could not load users: {{message}}', readOnly: 'Read-only',
    namePlaceholder: 'e.g. Zone 1', count: '{{count}} grids',
  },
  regionImport: {
    button: 'Import', title: 'Import regions', hint: 'GeoJSON (.geojson / .json) or Excel (.xlsx). Regions are added or updated by code; if any row has a problem, nothing is imported.',
    templateHint: 'Export the existing regions to use as a template: ', templateLink: 'Download Excel template', drop: 'Click or drag a file here',
    accepted: '.geojson, .json, .xlsx', uploading: 'Uploading and checking "{{name}}"…', success: 'Import finished',
    added: 'Added {{count}}', updated: 'Updated {{count}}', unchanged: 'Unchanged {{count}}',
    failed: 'Import failed: {{count}} problems, nothing was imported', formatError: 'The file cannot be read', index: 'Row/feature',
    indexGeojson: '"Row/feature" is the GeoJSON feature index (from 0)', indexXlsx: '"Row/feature" is the Excel sheet row number', code: 'Code', field: 'Field', reason: 'Reason',
    downloadErrors: 'Download problem list (CSV)', again: 'Choose another file',
    fields: { code: 'Code', name: 'Name', level: 'Level', kind: 'Kind', parentCode: 'Parent code', boundary: 'Boundary', attributes: 'Attributes', row: 'Row', feature: 'Feature' },
  },
  regionAction: {
    createChild: 'New child', edit: 'Edit', archive: 'Archive', restore: 'Restore', move: 'Move', merge: 'Merge grid',
    split: 'Split grid', archiveConfirm: 'Archive "{{name}}"? It will no longer be counted.', restoreConfirm: 'Restore "{{name}}"?',
    parent: 'Parent', newParent: 'New parent', mergeWith: 'Merge with sibling grid', mergeHint: 'This grid is kept; the other is merged into it and archived.',
    splitByLine: 'Split by line', splitByChildren: 'Split by micro-grids', splitLineHint: 'Click on the map to add points, double-click to finish; the line must cross the grid.',
    splitNames: 'Names after split (optional)', splitNameA: 'First part', splitNameB: 'Second part', splitChildren: 'Children moving to the new grid',
    splitNewName: 'New grid name', clearLine: 'Clear line', linePoints: '{{count}} points drawn', boundaryJson: 'Boundary (GeoJSON, optional)',
    attributesJson: 'Attributes (JSON, optional)', invalidJson: 'Invalid JSON', nameRequired: 'Enter a name', kindRequired: 'Choose a kind',
    lineRequired: 'Draw the split line on the map first', childrenRequired: 'Choose at least one child', codeOptional: 'Code (blank: generated)',
    chooseRegion: 'Choose a region',
  },
  map: {
    title: 'Grid map', byLevel: 'By level', bySize: 'By size', legend: 'Legend', selectRegion: 'Choose region',
    drillDown: 'Drill down', up: 'Up one level', empty: 'No child regions with a boundary', hereAlso: 'Also here',
    features: '{{count}} regions',
  },
  users: {
    title: 'Users', username: 'Username', displayName: 'Name', mobile: 'Mobile', roles: 'Roles', scope: 'Scope',
    department: 'Department', status: 'Status', locked: 'Locked', active: 'Active', disabled: 'Disabled', lockedUntil: 'Locked until {{time}}',
    unlocked: 'No', create: 'New user', edit: 'Edit user', password: 'Initial password', resetPassword: 'Reset password',
    unlock: 'Unlock', unlockConfirm: 'Unlock "{{name}}"?', queryPlaceholder: 'Username, name or mobile',
    scopeAll: 'All regions (no limit)', newPassword: 'New password', mobileKeep: 'Leave blank to keep', disable: 'Disable', enable: 'Enable',
    usernameRequired: 'Enter a username', displayNameRequired: 'Enter a name', rolesRequired: 'Choose roles',
    mustChange: 'Must change password',
  },
  departments: {
    title: 'Departments', name: 'Name', code: 'Code', serviceArea: 'Service area', create: 'New department', edit: 'Edit department',
    nameRequired: 'Enter a name', codeRequired: 'Enter a code', areaRequired: 'Choose a service area',
  },
  audit: {
    title: 'Audit log', at: 'Time', actor: 'Actor', action: 'Action', entityType: 'Entity type', entityId: 'Entity id',
    requestId: 'Request', clientIp: 'Client IP', before: 'Before', after: 'After', field: 'Field', range: 'Date range',
    actorId: 'Actor id', verify: 'Verify chain', verifyOk: 'Chain intact: {{checked}} entries checked, no tampering found',
    verifyBad: 'Chain broken: {{checked}} entries checked, {{count}} problems', problem: { edited: 'edited', deleted: 'deleted', reordered: 'reordered' },
    noChanges: 'No field changed', entity: { region: 'Region', user: 'User', department: 'Department', session: 'Session', gridZone: 'Grid zone', apiToken: 'API token', settings: 'Settings' },
    actionName: {
      create: 'Create', update: 'Update', archive: 'Archive', restore: 'Restore', move: 'Move', merge: 'Merge', split: 'Split',
      login: 'Login', logout: 'Logout', loginFailed: 'Login failed', passwordChange: 'Password change', passwordReset: 'Password reset', unlock: 'Unlock',
      import: 'Import', mergedInto: 'Merged into', locked: 'Locked', sizeRules: 'Size rules', changePassword: 'Password change', resetPassword: 'Password reset', revoke: 'Revoke',
    },
  },
};

export default en;
