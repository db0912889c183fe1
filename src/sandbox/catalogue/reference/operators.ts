// Over 300 lines on purpose: reference data (operator names and name templates), one entry per line.
/**
 * Names of the non-mobile operators: billers, gift-card brands and eSIM providers. Real brands where they are
 * well known; elsewhere the builders compose plausible names from the templates below.
 */
export type BillerKind =
  | 'electricity'
  | 'water'
  | 'gas'
  | 'internet'
  | 'landline'
  | 'tv'
  | 'insurance'
  | 'finance'
  | 'government'
  | 'education';

/** Real billers per country (alpha-2), by kind. A country listed here gets exactly these billers. */
export const BILLERS: Readonly<Record<string, readonly (readonly [BillerKind, string])[]>> = {
  BD: [
    ['electricity', 'DESCO'],
    ['electricity', 'DPDC'],
    ['water', 'Dhaka WASA'],
    ['gas', 'Titas Gas'],
    ['internet', 'Link3'],
  ],
  BR: [
    ['electricity', 'Enel Distribuição São Paulo'],
    ['electricity', 'Light Rio'],
    ['water', 'Sabesp'],
    ['tv', 'Sky Brasil'],
    ['internet', 'Vivo Fibra'],
    ['finance', 'Nubank Boleto'],
  ],
  CI: [
    ['electricity', 'CIE Côte d’Ivoire'],
    ['water', 'SODECI'],
    ['tv', 'Canal+ Côte d’Ivoire'],
  ],
  CM: [
    ['electricity', 'ENEO Cameroun'],
    ['water', 'Camwater'],
    ['tv', 'Canal+ Cameroun'],
  ],
  CO: [
    ['electricity', 'Enel Colombia'],
    ['water', 'EAAB Bogotá'],
    ['gas', 'Vanti'],
    ['internet', 'ETB'],
    ['finance', 'Bancolombia Cuotas'],
  ],
  DO: [
    ['electricity', 'Edesur Dominicana'],
    ['electricity', 'Edenorte'],
    ['water', 'CAASD'],
    ['tv', 'Claro TV Dominicana'],
  ],
  EG: [
    ['electricity', 'North Cairo Electricity'],
    ['water', 'Cairo Water Company'],
    ['gas', 'Town Gas'],
    ['internet', 'WE Home Internet'],
  ],
  ES: [
    ['electricity', 'Endesa'],
    ['electricity', 'Iberdrola'],
    ['gas', 'Naturgy'],
    ['water', 'Canal de Isabel II'],
  ],
  FR: [
    ['electricity', 'EDF'],
    ['gas', 'Engie'],
    ['water', 'Eau de Paris'],
    ['internet', 'Orange Livebox'],
  ],
  GH: [
    ['electricity', 'ECG Ghana'],
    ['water', 'Ghana Water'],
    ['tv', 'DStv Ghana'],
    ['government', 'Ghana Revenue Authority'],
    ['education', 'University of Ghana'],
  ],
  GT: [
    ['electricity', 'EEGSA'],
    ['water', 'EMPAGUA'],
    ['tv', 'Tigo Star Guatemala'],
  ],
  HN: [
    ['electricity', 'ENEE'],
    ['tv', 'Tigo Star Honduras'],
  ],
  HT: [
    ['electricity', 'EDH'],
    ['water', 'DINEPA'],
    ['tv', 'Digicel Play'],
  ],
  ID: [
    ['electricity', 'PLN'],
    ['water', 'PAM Jaya'],
    ['internet', 'IndiHome'],
    ['tv', 'MNC Vision'],
    ['insurance', 'BPJS Kesehatan'],
    ['finance', 'Adira Finance'],
  ],
  IN: [
    ['electricity', 'BESCOM'],
    ['electricity', 'Tata Power Mumbai'],
    ['electricity', 'MSEDCL'],
    ['water', 'Delhi Jal Board'],
    ['gas', 'Indraprastha Gas'],
    ['internet', 'ACT Fibernet'],
    ['tv', 'Tata Play'],
    ['landline', 'BSNL Landline'],
    ['insurance', 'LIC of India'],
    ['education', 'University of Delhi'],
  ],
  IT: [
    ['electricity', 'Enel Energia'],
    ['gas', 'Eni Plenitude'],
    ['water', 'Acea Ato 2'],
  ],
  JM: [
    ['electricity', 'JPS'],
    ['water', 'NWC Jamaica'],
    ['tv', 'Flow TV Jamaica'],
  ],
  KE: [
    ['electricity', 'Kenya Power'],
    ['water', 'Nairobi Water'],
    ['tv', 'DStv Kenya'],
    ['tv', 'GOtv Kenya'],
    ['internet', 'Zuku'],
    ['insurance', 'Jubilee Insurance'],
    ['finance', 'KCB M-Pesa Loans'],
    ['government', 'eCitizen'],
    ['education', 'University of Nairobi'],
  ],
  MX: [
    ['electricity', 'CFE'],
    ['water', 'SACMEX'],
    ['gas', 'Naturgy México'],
    ['landline', 'Telmex'],
    ['tv', 'Izzi'],
    ['tv', 'Sky México'],
    ['internet', 'Totalplay'],
    ['insurance', 'GNP Seguros'],
    ['finance', 'Coppel Abonos'],
    ['government', 'SAT'],
    ['education', 'UNAM'],
  ],
  NG: [
    ['electricity', 'Ikeja Electric'],
    ['electricity', 'Eko Electricity'],
    ['electricity', 'Abuja Electricity'],
    ['tv', 'DStv Nigeria'],
    ['tv', 'GOtv Nigeria'],
    ['tv', 'StarTimes Nigeria'],
    ['internet', 'Spectranet'],
    ['insurance', 'AXA Mansard'],
    ['government', 'FIRS'],
    ['education', 'WAEC'],
  ],
  PE: [
    ['electricity', 'Luz del Sur'],
    ['water', 'Sedapal'],
    ['gas', 'Cálidda'],
  ],
  PH: [
    ['electricity', 'Meralco'],
    ['electricity', 'Davao Light'],
    ['water', 'Maynilad'],
    ['water', 'Manila Water'],
    ['tv', 'Sky Cable'],
    ['tv', 'Cignal'],
    ['internet', 'PLDT Home'],
    ['insurance', 'Pru Life UK'],
    ['finance', 'Home Credit Philippines'],
    ['government', 'SSS'],
    ['government', 'Pag-IBIG Fund'],
    ['education', 'University of the Philippines'],
  ],
  PK: [
    ['electricity', 'K-Electric'],
    ['electricity', 'LESCO'],
    ['gas', 'SNGPL'],
    ['internet', 'PTCL'],
    ['government', 'NADRA'],
  ],
  SN: [
    ['electricity', 'Senelec'],
    ['water', 'SEN’EAU'],
    ['tv', 'Canal+ Sénégal'],
  ],
  SV: [
    ['electricity', 'CAESS'],
    ['water', 'ANDA'],
  ],
  US: [
    ['electricity', 'Con Edison'],
    ['electricity', 'PG&E'],
    ['gas', 'SoCalGas'],
    ['water', 'LADWP'],
    ['internet', 'Xfinity'],
    ['tv', 'DirecTV'],
  ],
  VN: [
    ['electricity', 'EVN Hanoi'],
    ['electricity', 'EVN HCMC'],
    ['water', 'Sawaco'],
    ['internet', 'FPT Telecom'],
  ],
  ZA: [
    ['electricity', 'Eskom'],
    ['electricity', 'City Power Johannesburg'],
    ['tv', 'DStv South Africa'],
    ['internet', 'Vumatel'],
  ],
};

/** How a composed biller name reads, by kind, given the country's name. */
export const BILLER_TEMPLATES: Readonly<Record<BillerKind, readonly ((country: string) => string)[]>> = {
  electricity: [
    (c) => `${c} Electricity Company`,
    (c) => `National Power Utility of ${c}`,
    (c) => `${c} Power & Light`,
  ],
  water: [(c) => `${c} Water Authority`, (c) => `${c} National Water`],
  gas: [(c) => `${c} Gas Distribution`],
  internet: [(c) => `${c} Broadband`, (c) => `${c} Fiber`],
  landline: [(c) => `${c} Telecom Fixed Line`],
  tv: [(c) => `${c} Cable TV`, (c) => `${c} Satellite TV`],
  insurance: [(c) => `${c} Mutual Insurance`],
  finance: [(c) => `${c} Microfinance`],
  government: [(c) => `${c} Revenue Service`],
  education: [(c) => `${c} National University`],
};

/** Gift-card subservices: Retail 41, Gaming 42, Cash Cards 43, Food 44, Entertainment 45, Travel 46. */
export type GiftCardSubservice = 41 | 42 | 43 | 44 | 45 | 46;

export interface GiftCardBrand {
  name: string;
  subservice: GiftCardSubservice;
  /** In-game currency the card is denominated in (e.g. UC), with how many units one USD buys. */
  gameUnit?: { unit: string; perUsd: number };
  /** Sold as a ranged (any amount) card as well as fixed denominations. */
  ranged?: boolean;
}

/** Brands sold as one global (`GXX`) card, priced in USD. */
export const GLOBAL_GIFT_CARDS: readonly GiftCardBrand[] = [
  { name: 'Razer Gold', subservice: 42, ranged: true },
  { name: 'PUBG Mobile', subservice: 42, gameUnit: { unit: 'UC', perUsd: 60 } },
  { name: 'Garena Free Fire', subservice: 42, gameUnit: { unit: 'Diamonds', perUsd: 100 } },
  { name: 'Roblox', subservice: 42, gameUnit: { unit: 'Robux', perUsd: 80 } },
  { name: 'Mobile Legends', subservice: 42, gameUnit: { unit: 'Diamonds', perUsd: 56 } },
  { name: 'Genshin Impact', subservice: 42, gameUnit: { unit: 'Genesis Crystals', perUsd: 66 } },
  { name: 'Valorant', subservice: 42, gameUnit: { unit: 'VP', perUsd: 105 } },
  { name: 'Fortnite', subservice: 42, gameUnit: { unit: 'V-Bucks', perUsd: 100 } },
  { name: 'Steam', subservice: 42, ranged: true },
  { name: 'Nintendo eShop', subservice: 42 },
  { name: 'Xbox', subservice: 42 },
  { name: 'PlayStation Store', subservice: 42 },
  { name: 'EA Play', subservice: 42 },
  { name: 'Netflix', subservice: 45 },
  { name: 'Spotify Premium', subservice: 45 },
  { name: 'Twitch', subservice: 45 },
  { name: 'Google Play', subservice: 45, ranged: true },
  { name: 'Apple Gift Card', subservice: 45, ranged: true },
  { name: 'Disney+', subservice: 45 },
  { name: 'Crunchyroll', subservice: 45 },
  { name: 'Binance Gift Card', subservice: 43, ranged: true },
  { name: 'Visa Prepaid Card', subservice: 43, ranged: true },
  { name: 'Mastercard Prepaid', subservice: 43 },
  { name: 'Uber', subservice: 46, ranged: true },
  { name: 'Airbnb', subservice: 46, ranged: true },
  { name: 'Hotels.com', subservice: 46 },
  { name: 'Lyft', subservice: 46 },
  { name: 'Uber Eats', subservice: 44 },
  { name: 'Starbucks', subservice: 44 },
  { name: 'Domino’s', subservice: 44 },
  { name: 'Nike', subservice: 41 },
  { name: 'Adidas', subservice: 41 },
  { name: 'Sephora', subservice: 41 },
  { name: 'Amazon', subservice: 41, ranged: true },
];

/** Brands sold as one European (`EXX`) card, priced in EUR. */
export const EUROPE_GIFT_CARDS: readonly GiftCardBrand[] = [
  { name: 'Paysafecard', subservice: 43, ranged: true },
  { name: 'Zalando', subservice: 41, ranged: true },
  { name: 'IKEA', subservice: 41 },
  { name: 'H&M', subservice: 41 },
  { name: 'Decathlon', subservice: 41 },
  { name: 'Deliveroo', subservice: 44 },
  { name: 'Just Eat', subservice: 44 },
  { name: 'FlixBus', subservice: 46 },
  { name: 'Booking.com', subservice: 46, ranged: true },
  { name: 'Trainline', subservice: 46 },
  { name: 'Rakuten Kobo', subservice: 45 },
  { name: 'PlayStation Store Europe', subservice: 42 },
];

/** Country-specific gift cards (alpha-2 → brands), priced in the country's currency. */
export const COUNTRY_GIFT_CARDS: Readonly<Record<string, readonly GiftCardBrand[]>> = {
  AE: [
    { name: 'Amazon.ae', subservice: 41 },
    { name: 'Noon', subservice: 41 },
    { name: 'Carrefour UAE', subservice: 44 },
  ],
  BR: [
    { name: 'Mercado Livre', subservice: 41 },
    { name: 'iFood', subservice: 44 },
  ],
  CA: [
    { name: 'Amazon.ca', subservice: 41, ranged: true },
    { name: 'Tim Hortons', subservice: 44 },
  ],
  DE: [
    { name: 'Amazon.de', subservice: 41, ranged: true },
    { name: 'MediaMarkt', subservice: 41 },
  ],
  EG: [
    { name: 'Jumia Egypt', subservice: 41 },
    { name: 'Talabat Egypt', subservice: 44 },
  ],
  ES: [
    { name: 'Amazon.es', subservice: 41, ranged: true },
    { name: 'El Corte Inglés', subservice: 41 },
  ],
  FR: [
    { name: 'Amazon.fr', subservice: 41, ranged: true },
    { name: 'Fnac', subservice: 41 },
    { name: 'Carrefour', subservice: 44 },
  ],
  GB: [
    { name: 'Amazon.co.uk', subservice: 41, ranged: true },
    { name: 'Tesco', subservice: 44 },
    { name: 'Argos', subservice: 41 },
  ],
  ID: [
    { name: 'Tokopedia', subservice: 41 },
    { name: 'GoPay', subservice: 43, ranged: true },
  ],
  IN: [
    { name: 'Amazon.in', subservice: 41, ranged: true },
    { name: 'Flipkart', subservice: 41, ranged: true },
    { name: 'Swiggy', subservice: 44 },
  ],
  IT: [{ name: 'Amazon.it', subservice: 41, ranged: true }],
  JP: [
    { name: 'Amazon.co.jp', subservice: 41, ranged: true },
    { name: 'Rakuten Ichiba', subservice: 41 },
  ],
  KE: [
    { name: 'Jumia Kenya', subservice: 41 },
    { name: 'Naivas', subservice: 44 },
  ],
  MX: [
    { name: 'Walmart México', subservice: 41 },
    { name: 'Liverpool', subservice: 41 },
    { name: 'Mercado Libre', subservice: 41, ranged: true },
  ],
  NG: [
    { name: 'Jumia Nigeria', subservice: 41 },
    { name: 'Shoprite Nigeria', subservice: 44 },
  ],
  PH: [
    { name: 'Shopee Philippines', subservice: 41 },
    { name: 'Lazada Philippines', subservice: 41 },
    { name: 'Jollibee', subservice: 44 },
  ],
  SA: [
    { name: 'Noon Saudi', subservice: 41 },
    { name: 'Jarir Bookstore', subservice: 41 },
  ],
  TR: [{ name: 'Trendyol', subservice: 41 }],
  US: [
    { name: 'Amazon.com', subservice: 41, ranged: true },
    { name: 'Walmart', subservice: 41, ranged: true },
    { name: 'Target', subservice: 41 },
    { name: 'Home Depot', subservice: 41 },
    { name: 'DoorDash', subservice: 44 },
    { name: 'Chipotle', subservice: 44 },
  ],
  VN: [
    { name: 'Shopee Vietnam', subservice: 41 },
    { name: 'Grab Vietnam', subservice: 46 },
  ],
  ZA: [
    { name: 'Takealot', subservice: 41 },
    { name: 'Checkers', subservice: 44 },
  ],
};

/** eSIM providers: global and European plans, and country plans for popular destinations (alpha-2). */
export const ESIM_PROVIDERS = {
  global: ['Airalo Global', 'GigSky World', 'Ubigi Worldwide', 'Holafly Global'],
  europe: ['Ubigi Europe', 'Orange Travel Europe'],
  countries: [
    'US',
    'GB',
    'FR',
    'ES',
    'IT',
    'DE',
    'TR',
    'TH',
    'JP',
    'KR',
    'ID',
    'MX',
    'AE',
    'SG',
    'BR',
    'MA',
    'EG',
  ],
  countryBrands: ['Nomad', 'Ubigi', 'Holafly', 'GigSky'],
} as const;

/** VoIP providers (Utilities / VoIP), sold globally. */
export const VOIP_PROVIDERS: readonly string[] = ['Boss Revolution', 'Rebtel', 'Viber Out', 'Yolla'];

/** Short country names used in operator names ("MTN Nigeria", "Airtel DRC"). */
export const SHORT_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  AE: 'UAE',
  BA: 'Bosnia',
  CD: 'DRC',
  CF: 'CAR',
  CG: 'Congo',
  GB: 'UK',
  KN: 'St Kitts',
  KY: 'Cayman',
  LC: 'St Lucia',
  PS: 'Palestine',
  TC: 'Turks & Caicos',
  TT: 'Trinidad',
  US: 'USA',
  VC: 'St Vincent',
  VG: 'BVI',
};
