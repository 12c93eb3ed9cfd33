// Pick lists. Codes are stored; labels live in the Fluent catalogs as option-<set>-<code>.

/** Hainan's cities and counties, then the key parks of the Free Trade Port. */
export const AREAS = [
  "haikou", "sanya", "sansha", "danzhou", "wuzhishan", "qionghai", "wenchang", "wanning", "dongfang",
  "dingan", "tunchang", "chengmai", "lingao", "baisha", "changjiang", "ledong", "lingshui", "baoting", "qiongzhong",
  "park-yangpu", "park-jiangdong", "park-haikou-hitech", "park-haikou-bonded", "park-software", "park-fuxing",
  "park-boao-lecheng", "park-yazhou-bay", "park-sanya-cbd", "park-wenchang-aerospace", "park-laocheng", "park-lingshui-lian",
] as const;

export const INDUSTRIES = [
  "tourism", "modern-services", "finance", "trade", "logistics", "hitech", "digital", "healthcare",
  "manufacturing", "agriculture", "education", "culture", "energy", "other",
] as const;

/** Whom an investor may ask to meet: pick one, or type a department or official. */
export const COUNTERPARTS = [
  "area-government", "commerce", "development-reform", "market-regulation", "taxation", "customs",
  "natural-resources", "human-resources", "ecology", "housing", "bizenv", "park-administration",
] as const;

export const YES_NO = ["yes", "no"] as const;

/** Whether a meeting date after the due was the firm's wish: asked for it, agreed to it, or neither. */
export const FIRM_ASKED = ["no", "request", "consent"] as const;

export const HEARING_FORMS = ["hearing", "consultation"] as const;
