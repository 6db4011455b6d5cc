// Colour of each asset category (大类 code), shared by the table tags and the map points.
export const CATEGORY_COLORS: Record<string, string> = { '01': '#1677ff', '02': '#fa8c16', '03': '#13c2c2', '04': '#52c41a', '05': '#722ed1', '06': '#8c8c8c' };
