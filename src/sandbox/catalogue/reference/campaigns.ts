/**
 * Marketing campaigns (English only: `GET /campaigns` takes no `Accept-Language`). Each theme says which
 * operators' products it features: by country (alpha-2), operator kind, gift-card subservice, or price list.
 */
export interface CampaignTheme {
  title: string;
  description: string;
  terms: string | null;
  countries?: readonly string[];
  kinds?: readonly string[];
  subservices?: readonly number[];
  /** Only operators whose products are paid from this balance currency. */
  accountCurrency?: 'USD' | 'EUR';
}

const MENA = ['AE', 'SA', 'EG', 'MA', 'DZ', 'JO', 'KW', 'QA', 'BH', 'OM', 'PK', 'ID', 'BD', 'TN', 'IQ'];
const WEST_AFRICA_DIASPORA = ['NG', 'GH', 'KE', 'SN', 'CI', 'CM', 'UG', 'TZ', 'ZW', 'ZA', 'ET'];
const CENTRAL_AMERICA = ['MX', 'GT', 'SV', 'HN', 'NI', 'CO', 'PE', 'EC'];

export const CAMPAIGN_THEMES: readonly CampaignTheme[] = [
  {
    title: 'Ramadan Kareem',
    description: 'Send love home during the holy month with bonus value on top-ups across the region.',
    terms: 'Valid on the listed products only. Bonuses are credited by the receiving operator.',
    countries: MENA,
    kinds: ['mobile'],
  },
  {
    title: 'Diwali Festival of Lights',
    description: 'Light up Diwali with top-ups and gift cards for family and friends.',
    terms: null,
    countries: ['IN', 'NP', 'LK', 'BD'],
    kinds: ['mobile', 'giftcard'],
  },
  {
    title: 'Lunar New Year',
    description: 'Lucky top-ups for the Year of the Horse.',
    terms: 'Promotional bonuses follow each operator’s own terms.',
    countries: ['CN', 'VN', 'HK', 'TW', 'SG', 'MY', 'KR'],
    kinds: ['mobile'],
  },
  {
    title: 'Back to School',
    description: 'Tuition payments and school shopping cards, ready for the new term.',
    terms: null,
    kinds: ['education', 'giftcard'],
    subservices: [41],
  },
  {
    title: 'Black Friday Gaming Week',
    description: 'The best gaming cards of the year, featured all week.',
    terms: 'While stocks last.',
    kinds: ['giftcard'],
    subservices: [42],
  },
  {
    title: 'Summer Travel',
    description: 'Stay online abroad with eSIM data plans for every trip.',
    terms: 'eSIM plans require a compatible unlocked device.',
    kinds: ['esim'],
  },
  {
    title: 'Christmas Top-Up Bonanza',
    description: 'Festive top-ups for the people you miss most.',
    terms: null,
    countries: ['PH', 'NG', 'GH', 'KE', 'MX', 'GT', 'HN', 'SV', 'JM', 'HT', 'DO'],
    kinds: ['mobile'],
  },
  {
    title: 'Diaspora Month',
    description: 'Celebrating the communities who keep families connected across continents.',
    terms: 'Featured products change weekly.',
    countries: WEST_AFRICA_DIASPORA,
    kinds: ['mobile'],
  },
  {
    title: 'World Cup Fever',
    description: 'Data for every match, wherever your team plays.',
    terms: null,
    countries: ['BR', 'AR', 'MX', 'FR', 'ES', 'DE', 'GB', 'NG', 'SN', 'MA'],
    kinds: ['mobile'],
  },
  {
    title: 'Valentine’s Gifts',
    description: 'Dinner, flowers or shopping: gift cards that say it for you.',
    terms: null,
    kinds: ['giftcard'],
    subservices: [41, 44],
  },
  {
    title: 'Eid al-Adha Greetings',
    description: 'Share the celebration with top-ups for family near and far.',
    terms: 'Valid on the listed products only.',
    countries: ['SA', 'AE', 'EG', 'PK', 'ID', 'MY', 'TR', 'SN'],
    kinds: ['mobile'],
  },
  {
    title: 'Carnival Recharge',
    description: 'Stay connected through every parade.',
    terms: null,
    countries: ['BR', 'TT', 'CO', 'BO', 'HT', 'DO'],
    kinds: ['mobile'],
  },
  {
    title: 'Easter Deals',
    description: 'Spring offers on top-ups across Europe.',
    terms: 'Prices in EUR.',
    kinds: ['mobile'],
    accountCurrency: 'EUR',
  },
  {
    title: 'Singles’ Day',
    description: 'Treat yourself: gift cards featured for 11.11.',
    terms: null,
    kinds: ['giftcard'],
    subservices: [41, 43, 45],
  },
  {
    title: 'New Year Countdown',
    description: 'Ring in the new year with extra value on top-ups worldwide.',
    terms: 'Bonuses are credited by the receiving operator.',
    kinds: ['mobile'],
  },
  {
    title: 'Mother’s Day Love',
    description: 'Let mum call home more often.',
    terms: null,
    countries: CENTRAL_AMERICA,
    kinds: ['mobile'],
  },
  {
    title: 'Halloween Gaming',
    description: 'Spooky season deals on in-game currency.',
    terms: null,
    kinds: ['giftcard'],
    subservices: [42],
  },
  {
    title: 'Cyber Monday Streaming',
    description: 'Music, films and series: streaming cards featured for Cyber Monday.',
    terms: 'While stocks last.',
    kinds: ['giftcard'],
    subservices: [45],
  },
  {
    title: 'Holi Colours',
    description: 'Colourful bonuses on top-ups for the festival of spring.',
    terms: null,
    countries: ['IN', 'NP'],
    kinds: ['mobile'],
  },
  {
    title: 'Songkran Splash',
    description: 'Top-ups for the Thai and Lao new year.',
    terms: null,
    countries: ['TH', 'LA', 'KH', 'MM'],
    kinds: ['mobile'],
  },
  {
    title: 'Thanksgiving Thanks',
    description: 'Say thanks with gift cards and top-ups across the United States.',
    terms: null,
    countries: ['US'],
    kinds: ['mobile', 'giftcard'],
  },
  {
    title: 'Independence Month',
    description: 'Celebrating independence days across Latin America with featured top-ups.',
    terms: 'Valid on the listed products only.',
    countries: ['MX', 'CO', 'PE', 'CL', 'GT', 'SV', 'HN', 'NI', 'CR'],
    kinds: ['mobile'],
  },
  {
    title: 'Pay Your Bills Early',
    description: 'Electricity, water and TV bills paid in seconds, before the due date.',
    terms: 'Posting times depend on each biller.',
    kinds: ['electricity', 'water', 'tv'],
  },
  {
    title: 'Stay Connected Abroad',
    description: 'International calling credit and travel data in one place.',
    terms: null,
    kinds: ['voip', 'esim'],
  },
];
