import type { ProductDraft } from './product-draft.js';
import {
  BILL_PRODUCT_NAMES,
  formatData,
  formatMinutes,
  formatMoney,
  formatNumber,
  formatSms,
  formatValidity,
  joinList,
  PACKAGE_NAMES,
} from './reference/texts.js';
import type { Language } from './types.js';

export interface Words {
  name: string;
  description: string;
}

/** A product's name and description in one language. */
export function productWords(draft: ProductDraft, lang: Language): Words {
  const op = draft.operator.name;
  const text = draft.text;
  switch (text.kind) {
    case 'airtime': {
      const amount = formatMoney(text.amount, text.currency, lang);
      return pick(lang, {
        en: [`${amount} Airtime`, `${amount} of airtime credited instantly to any ${op} prepaid number.`],
        es: [
          `Recarga ${amount}`,
          `${amount} de saldo acreditado al instante en cualquier número prepago de ${op}.`,
        ],
        fr: [
          `Recharge ${amount}`,
          `${amount} de crédit ajouté instantanément sur tout numéro prépayé ${op}.`,
        ],
      });
    }
    case 'airtimeRange': {
      const min = formatMoney(text.min, text.currency, lang);
      const max = formatMoney(text.max, text.currency, lang);
      return pick(lang, {
        en: ['Airtime top-up', `Top up any amount from ${min} to ${max} on ${op} prepaid lines.`],
        es: ['Recarga de saldo', `Recarga cualquier monto de ${min} a ${max} en líneas prepago de ${op}.`],
        fr: [
          'Recharge de crédit',
          `Rechargez le montant de votre choix, de ${min} à ${max}, sur les lignes prépayées ${op}.`,
        ],
      });
    }
    case 'bundle': {
      const data = formatData(text.data.text, text.data.unit, lang);
      const minutes = formatMinutes(text.minutes, lang);
      const validity = formatValidity(text.validity.quantity, text.validity.unit, lang);
      const parts = [data, minutes, ...(text.sms ? [formatSms(text.sms, lang)] : [])];
      return pick(lang, {
        en: [`Combo ${data} + ${minutes} (${validity})`, `${joinList(parts, lang)}, valid for ${validity}.`],
        es: [`Combo ${data} + ${minutes} (${validity})`, `${joinList(parts, lang)}, válido por ${validity}.`],
        fr: [`Forfait ${data} + ${minutes} (${validity})`, `${joinList(parts, lang)}, valable ${validity}.`],
      });
    }
    case 'data': {
      const data = formatData(text.data.text, text.data.unit, lang);
      const validity = formatValidity(text.validity.quantity, text.validity.unit, lang);
      return pick(lang, {
        en: [`Data ${data} (${validity})`, `${data} of mobile data on ${op}, valid for ${validity}.`],
        es: [`Datos ${data} (${validity})`, `${data} de datos móviles en ${op}, válidos por ${validity}.`],
        fr: [`Internet ${data} (${validity})`, `${data} d’internet mobile sur ${op}, valable ${validity}.`],
      });
    }
    case 'giftCard': {
      const amount = formatMoney(text.amount, text.currency, lang);
      return pick(lang, {
        en: [`${text.brand} ${amount} Gift Card`, `Digital ${text.brand} gift card worth ${amount}.`],
        es: [
          `Tarjeta de regalo ${text.brand} ${amount}`,
          `Tarjeta de regalo digital de ${text.brand} por ${amount}.`,
        ],
        fr: [
          `Carte cadeau ${text.brand} ${amount}`,
          `Carte cadeau numérique ${text.brand} d’une valeur de ${amount}.`,
        ],
      });
    }
    case 'gameCard': {
      const quantity = `${formatNumber(text.quantity, lang)} ${text.unit}`;
      return pick(lang, {
        en: [`${text.brand} ${quantity}`, `${quantity} for ${text.brand}, delivered as a PIN code.`],
        es: [`${text.brand} ${quantity}`, `${quantity} para ${text.brand}, entregados como código PIN.`],
        fr: [`${text.brand} ${quantity}`, `${quantity} pour ${text.brand}, livrés sous forme de code PIN.`],
      });
    }
    case 'giftCardRange': {
      const min = formatMoney(text.min, text.currency, lang);
      const max = formatMoney(text.max, text.currency, lang);
      return pick(lang, {
        en: [
          `${text.brand} Gift Card`,
          `Digital ${text.brand} gift card of any value from ${min} to ${max}.`,
        ],
        es: [
          `Tarjeta de regalo ${text.brand}`,
          `Tarjeta de regalo digital de ${text.brand} por el valor que elijas, de ${min} a ${max}.`,
        ],
        fr: [
          `Carte cadeau ${text.brand}`,
          `Carte cadeau numérique ${text.brand} du montant de votre choix, de ${min} à ${max}.`,
        ],
      });
    }
    case 'bill': {
      const min = formatMoney(text.min, text.currency, lang);
      const max = formatMoney(text.max, text.currency, lang);
      const what = BILL_PRODUCT_NAMES[text.name][lang];
      return pick(lang, {
        en: [`${op} ${what}`, `Pay ${op} from ${min} to ${max} with the customer’s account number.`],
        es: [`${what} ${op}`, `Paga ${op} de ${min} a ${max} con el número de cuenta del cliente.`],
        fr: [`${what} ${op}`, `Payez ${op} de ${min} à ${max} avec le numéro de compte du client.`],
      });
    }
    case 'package': {
      const plan = PACKAGE_NAMES[text.plan][lang];
      const validity = formatValidity(text.validity.quantity, text.validity.unit, lang);
      return pick(lang, {
        en: [`${op} ${plan} (${validity})`, `Renews the ${op} ${plan} subscription for ${validity}.`],
        es: [`${op} ${plan} (${validity})`, `Renueva la suscripción ${plan} de ${op} por ${validity}.`],
        fr: [`${op} ${plan} (${validity})`, `Renouvelle l’abonnement ${plan} ${op} pour ${validity}.`],
      });
    }
    case 'esim': {
      const area = text.area[lang];
      const data = formatData(text.data.text, text.data.unit, lang);
      const validity = formatValidity(text.validity.quantity, text.validity.unit, lang);
      return pick(lang, {
        en: [
          `${area} eSIM ${data} (${validity})`,
          `eSIM data plan: ${data} to use ${text.where.en} within ${validity}.`,
        ],
        es: [
          `eSIM ${area} ${data} (${validity})`,
          `Plan de datos eSIM: ${data} para usar ${text.where.es} durante ${validity}.`,
        ],
        fr: [
          `eSIM ${area} ${data} (${validity})`,
          `Forfait eSIM : ${data} à utiliser ${text.where.fr} pendant ${validity}.`,
        ],
      });
    }
    case 'voip': {
      const amount = formatMoney(text.amount, text.currency, lang);
      return pick(lang, {
        en: [
          `${text.brand} ${amount} Calling Credit`,
          `${amount} of international calling credit on ${text.brand}.`,
        ],
        es: [
          `Crédito de llamadas ${text.brand} ${amount}`,
          `${amount} de crédito para llamadas internacionales en ${text.brand}.`,
        ],
        fr: [
          `Crédit d’appels ${text.brand} ${amount}`,
          `${amount} de crédit d’appels internationaux sur ${text.brand}.`,
        ],
      });
    }
  }
}

function pick(lang: Language, options: Record<Language, [string, string]>): Words {
  const [name, description] = options[lang];
  return { name, description };
}
