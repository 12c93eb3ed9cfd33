// The two languages of every text: Chinese (authoritative) and English. The schema stores them,
// the catalogs are written in them.
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
