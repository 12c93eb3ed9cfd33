// The paths the web Worker's API app (api-app.ts) answers; the bot's Worker forwards exactly these (and
// /web/*) to it. Its own module: importing api-app.ts would pull those routes into the bot's bundle.
export const isApiPath = (pathname: string): boolean => /^\/(admin|api|s)\//.test(pathname);
