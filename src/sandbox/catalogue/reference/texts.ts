import type { Language } from '../types.js';

/**
 * Everything the catalogue says in words, in English, Spanish and French. Operator, brand and country names
 * are never translated. Numbers are printed with each language's separators (`1,500` / `1.500` / `1 500`).
 */
export type Localised = Record<Language, string>;

export function formatNumber(text: string, lang: Language): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const [group, decimal] = lang === 'en' ? [',', '.'] : lang === 'es' ? ['.', ','] : [' ', ','];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const shown = /^0*$/.test(fraction) ? grouped : `${grouped}${decimal}${fraction}`;
  return negative ? `-${shown}` : shown;
}

/** `NGN 1,500` / `NGN 1.500` / `1 500 NGN`. */
export function formatMoney(text: string, currency: string, lang: Language): string {
  const n = formatNumber(text, lang);
  return lang === 'fr' ? `${n} ${currency}` : `${currency} ${n}`;
}

export type DataUnit = 'MB' | 'GB';

export function formatData(text: string, unit: DataUnit, lang: Language): string {
  if (text === '-1') return { en: 'Unlimited data', es: 'Datos ilimitados', fr: 'Internet illimité' }[lang];
  const shown = lang === 'fr' ? (unit === 'GB' ? 'Go' : 'Mo') : unit;
  return `${formatNumber(text, lang)} ${shown}`;
}

export type ValidityUnit = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

const UNIT_WORDS: Record<ValidityUnit, Record<Language, [string, string]>> = {
  HOUR: { en: ['hour', 'hours'], es: ['hora', 'horas'], fr: ['heure', 'heures'] },
  DAY: { en: ['day', 'days'], es: ['día', 'días'], fr: ['jour', 'jours'] },
  WEEK: { en: ['week', 'weeks'], es: ['semana', 'semanas'], fr: ['semaine', 'semaines'] },
  MONTH: { en: ['month', 'months'], es: ['mes', 'meses'], fr: ['mois', 'mois'] },
};

export function formatValidity(quantity: number, unit: ValidityUnit, lang: Language): string {
  const [one, many] = UNIT_WORDS[unit][lang];
  return `${quantity} ${quantity === 1 ? one : many}`;
}

export function formatMinutes(text: string, lang: Language): string {
  if (text === '-1')
    return { en: 'unlimited minutes', es: 'minutos ilimitados', fr: 'minutes illimitées' }[lang];
  return `${formatNumber(text, lang)} min`;
}

export function formatSms(text: string, lang: Language): string {
  if (text === '-1') return { en: 'unlimited SMS', es: 'SMS ilimitados', fr: 'SMS illimités' }[lang];
  return `${formatNumber(text, lang)} SMS`;
}

/** `a, b and c` / `a, b y c` / `a, b et c`. */
export function joinList(parts: readonly string[], lang: Language): string {
  if (parts.length <= 1) return parts.join('');
  const and = { en: 'and', es: 'y', fr: 'et' }[lang];
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1]}`;
}

export const REGION_NAMES: Record<'GXX' | 'EXX', Localised> = {
  GXX: { en: 'Global', es: 'Global', fr: 'Monde' },
  EXX: { en: 'Europe', es: 'Europa', fr: 'Europe' },
};

/** Where a multi-country eSIM works, as a phrase ("to use worldwide"). */
export const REGION_PHRASES: Record<'GXX' | 'EXX', Localised> = {
  GXX: { en: 'worldwide', es: 'en todo el mundo', fr: 'dans le monde entier' },
  EXX: { en: 'across Europe', es: 'en toda Europa', fr: 'dans toute l’Europe' },
};

export function countryPhrase(country: string): Localised {
  return { en: `in ${country}`, es: `en ${country}`, fr: `en ${country}` };
}

export const BENEFIT_INFO = {
  allNetworks: {
    en: 'Calls to all local networks included',
    es: 'Incluye llamadas a todas las redes locales',
    fr: 'Appels vers tous les réseaux locaux inclus',
  },
  nightData: {
    en: 'Includes free night data from 00:00 to 06:00',
    es: 'Incluye datos nocturnos gratis de 00:00 a 06:00',
    fr: 'Internet gratuit la nuit de 00h00 à 06h00 inclus',
  },
  socialData: {
    en: 'Social media apps do not count against the allowance',
    es: 'Las redes sociales no consumen del saldo de datos',
    fr: 'Les réseaux sociaux ne sont pas décomptés du forfait',
  },
  taxDeducted: {
    en: 'Talk time is credited net of local taxes',
    es: 'El saldo se acredita neto de impuestos locales',
    fr: 'Le crédit est versé net des taxes locales',
  },
  roaming: {
    en: 'Works on partner networks in every covered country',
    es: 'Funciona en las redes asociadas de cada país cubierto',
    fr: 'Fonctionne sur les réseaux partenaires de chaque pays couvert',
  },
  redeemOnline: {
    en: 'Redeemable online only',
    es: 'Canjeable solo en línea',
    fr: 'Utilisable uniquement en ligne',
  },
} as const satisfies Record<string, Localised>;

export type BenefitInfoKey = keyof typeof BENEFIT_INFO;

export function pinUsage(brand: string, lang: Language): string[] {
  return {
    en: [
      `Open the ${brand} app or website and sign in.`,
      'Choose “Redeem a code”.',
      'Enter the PIN code from your receipt.',
    ],
    es: [
      `Abre la aplicación o el sitio web de ${brand} e inicia sesión.`,
      'Elige «Canjear un código».',
      'Introduce el código PIN de tu recibo.',
    ],
    fr: [
      `Ouvrez l’application ou le site ${brand} et connectez-vous.`,
      'Choisissez « Utiliser un code ».',
      'Saisissez le code PIN figurant sur votre reçu.',
    ],
  }[lang];
}

export function pinTerms(brand: string, lang: Language): string {
  return {
    en: `**${brand} — terms of use**\n\n- The code can be redeemed once.\n- It cannot be exchanged for cash or refunded.\n- Keep your receipt until the code has been redeemed.`,
    es: `**${brand} — condiciones de uso**\n\n- El código se puede canjear una sola vez.\n- No se puede cambiar por dinero ni reembolsar.\n- Conserva tu recibo hasta canjear el código.`,
    fr: `**${brand} — conditions d’utilisation**\n\n- Le code n’est utilisable qu’une seule fois.\n- Il n’est ni échangeable contre des espèces ni remboursable.\n- Conservez votre reçu jusqu’à l’utilisation du code.`,
  }[lang];
}

export function paymentNotes(postingDays: number, partial: boolean, lang: Language): string[] {
  const posting = {
    en: `Payments are posted to the account within ${postingDays} business day${postingDays === 1 ? '' : 's'}.`,
    es: `Los pagos se aplican a la cuenta en ${postingDays} día${postingDays === 1 ? '' : 's'} hábil${postingDays === 1 ? '' : 'es'}.`,
    fr: `Les paiements sont crédités sur le compte sous ${postingDays} jour${postingDays === 1 ? '' : 's'} ouvré${postingDays === 1 ? '' : 's'}.`,
  }[lang];
  const partialNote = {
    en: 'Partial payments are accepted.',
    es: 'Se aceptan pagos parciales.',
    fr: 'Les paiements partiels sont acceptés.',
  }[lang];
  return partial ? [posting, partialNote] : [posting];
}

export const BILL_PRODUCT_NAMES = {
  bill: { en: 'Bill Payment', es: 'Pago de factura', fr: 'Paiement de facture' },
  prepaidMeter: {
    en: 'Prepaid Meter Recharge',
    es: 'Recarga de medidor prepago',
    fr: 'Recharge compteur prépayé',
  },
  premium: { en: 'Premium Payment', es: 'Pago de prima', fr: 'Paiement de prime' },
  loan: { en: 'Loan Repayment', es: 'Pago de préstamo', fr: 'Remboursement de prêt' },
  fees: { en: 'Fees and Taxes', es: 'Tasas e impuestos', fr: 'Taxes et redevances' },
  tuition: { en: 'Tuition Fees', es: 'Matrícula', fr: 'Frais de scolarité' },
} as const satisfies Record<string, Localised>;

export type BillProductName = keyof typeof BILL_PRODUCT_NAMES;

export const PACKAGE_NAMES = {
  tvBasic: { en: 'Basic', es: 'Básico', fr: 'Essentiel' },
  tvFamily: { en: 'Family', es: 'Familiar', fr: 'Famille' },
  tvPremium: { en: 'Premium', es: 'Premium', fr: 'Premium' },
  tvSports: { en: 'Sports', es: 'Deportes', fr: 'Sport' },
  fibre50: { en: 'Fibre 50 Mbps', es: 'Fibra 50 Mbps', fr: 'Fibre 50 Mb/s' },
  fibre100: { en: 'Fibre 100 Mbps', es: 'Fibra 100 Mbps', fr: 'Fibre 100 Mb/s' },
  fibre300: { en: 'Fibre 300 Mbps', es: 'Fibra 300 Mbps', fr: 'Fibre 300 Mb/s' },
  fibre1000: { en: 'Fibre 1 Gbps', es: 'Fibra 1 Gbps', fr: 'Fibre 1 Gb/s' },
} as const satisfies Record<string, Localised>;

export type PackageName = keyof typeof PACKAGE_NAMES;

/** A promotion's words; `{op}` is replaced by the operator's name and `{pct}` by the bonus percentage. */
export interface PromotionTemplate {
  title: Localised;
  description: Localised;
  terms: Localised | null;
}

export const PROMOTION_TEMPLATES: readonly PromotionTemplate[] = [
  {
    title: {
      en: '{op}: {pct}% extra data',
      es: '{op}: {pct}% de datos extra',
      fr: '{op} : {pct} % d’internet en plus',
    },
    description: {
      en: 'Get {pct}% extra data on the listed bundles while the promotion runs.',
      es: 'Recibe un {pct}% de datos extra en los paquetes indicados mientras dure la promoción.',
      fr: 'Profitez de {pct} % d’internet en plus sur les forfaits indiqués pendant la promotion.',
    },
    terms: {
      en: 'Bonus data is credited within 24 hours and expires with the bundle. {op} may end the offer early.',
      es: 'Los datos extra se acreditan en 24 horas y vencen con el paquete. {op} puede terminar la oferta antes.',
      fr: 'Le bonus est crédité sous 24 heures et expire avec le forfait. {op} peut mettre fin à l’offre plus tôt.',
    },
  },
  {
    title: {
      en: '{op}: {pct}% bonus airtime',
      es: '{op}: {pct}% de saldo de regalo',
      fr: '{op} : {pct} % de crédit offert',
    },
    description: {
      en: 'Recharge any listed amount and receive {pct}% bonus airtime.',
      es: 'Recarga cualquiera de los montos indicados y recibe un {pct}% de saldo de regalo.',
      fr: 'Rechargez l’un des montants indiqués et recevez {pct} % de crédit offert.',
    },
    terms: {
      en: 'Bonus airtime is valid for 7 days for local calls only.',
      es: 'El saldo de regalo es válido 7 días solo para llamadas locales.',
      fr: 'Le crédit offert est valable 7 jours pour les appels locaux uniquement.',
    },
  },
  {
    title: {
      en: '{op} weekend double',
      es: 'Fin de semana doble {op}',
      fr: 'Week-end double {op}',
    },
    description: {
      en: 'Recharges made on Saturdays and Sundays earn {pct}% more.',
      es: 'Las recargas de sábado y domingo dan un {pct}% más.',
      fr: 'Les recharges du samedi et du dimanche rapportent {pct} % de plus.',
    },
    terms: null,
  },
  {
    title: {
      en: '{op} welcome offer',
      es: 'Oferta de bienvenida {op}',
      fr: 'Offre de bienvenue {op}',
    },
    description: {
      en: 'New subscribers get {pct}% more on their first recharge of a listed product.',
      es: 'Los nuevos clientes reciben un {pct}% más en su primera recarga de un producto indicado.',
      fr: 'Les nouveaux abonnés reçoivent {pct} % de plus sur leur première recharge d’un produit indiqué.',
    },
    terms: {
      en: 'Only for lines activated in the last 30 days. One bonus per line.',
      es: 'Solo para líneas activadas en los últimos 30 días. Un bono por línea.',
      fr: 'Réservé aux lignes activées depuis moins de 30 jours. Un bonus par ligne.',
    },
  },
  {
    title: {
      en: '{op} festive season bonus',
      es: 'Bono de temporada festiva {op}',
      fr: 'Bonus des fêtes {op}',
    },
    description: {
      en: 'Celebrate with {pct}% extra value on selected products.',
      es: 'Celebra con un {pct}% de valor extra en productos seleccionados.',
      fr: 'Fêtez l’occasion avec {pct} % de valeur en plus sur une sélection de produits.',
    },
    terms: {
      en: 'While stocks last. Bonus not transferable.',
      es: 'Hasta agotar existencias. Bono no transferible.',
      fr: 'Dans la limite des stocks disponibles. Bonus non transférable.',
    },
  },
  {
    title: {
      en: '{op}: more for your money',
      es: '{op}: más por tu dinero',
      fr: '{op} : plus pour votre argent',
    },
    description: {
      en: 'Every listed product comes with {pct}% extra while the promotion runs.',
      es: 'Cada producto indicado incluye un {pct}% extra mientras dure la promoción.',
      fr: 'Chaque produit indiqué est accompagné de {pct} % en plus pendant la promotion.',
    },
    terms: {
      en: 'Extra value is credited with the main benefit. Standard {op} terms apply.',
      es: 'El valor extra se acredita con el beneficio principal. Se aplican las condiciones de {op}.',
      fr: 'La valeur supplémentaire est créditée avec l’avantage principal. Conditions générales {op} applicables.',
    },
  },
];

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
