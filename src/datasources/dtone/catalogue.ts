import type { DvsCaller, LanguageOptions, RequestOptions } from './call.js';
import { decode } from './decoders.js';
import { getListPage } from './list.js';
import { collectAllPages, MAX_PER_PAGE, type Page, type PageRequest } from './paging.js';
import type {
  BenefitType,
  BenefitTypesQuery,
  Campaign,
  CampaignsQuery,
  CountriesQuery,
  Country,
  Operator,
  OperatorsQuery,
  PageQueryKey,
  Product,
  ProductsQuery,
  Promotion,
  PromotionsQuery,
  Service,
  ServicesQuery,
} from './types.js';

/** Discovery: services, countries, operators, benefit types, promotions, campaigns and products. */
export interface CatalogueMethods {
  listServices(query?: ServicesQuery, options?: RequestOptions): Promise<Page<Service>>;
  allServices(query?: Omit<ServicesQuery, PageQueryKey>, options?: RequestOptions): Promise<Service[]>;
  getService(serviceId: number, options?: RequestOptions): Promise<Service>;

  listCountries(query?: CountriesQuery, options?: RequestOptions): Promise<Page<Country>>;
  allCountries(query?: Omit<CountriesQuery, PageQueryKey>, options?: RequestOptions): Promise<Country[]>;
  getCountry(countryIsoCode: string, options?: RequestOptions): Promise<Country>;

  listOperators(query?: OperatorsQuery, options?: RequestOptions): Promise<Page<Operator>>;
  allOperators(query?: Omit<OperatorsQuery, PageQueryKey>, options?: RequestOptions): Promise<Operator[]>;
  getOperator(operatorId: number, options?: RequestOptions): Promise<Operator>;

  listBenefitTypes(query?: BenefitTypesQuery, options?: RequestOptions): Promise<Page<BenefitType>>;
  allBenefitTypes(
    query?: Omit<BenefitTypesQuery, PageQueryKey>,
    options?: RequestOptions,
  ): Promise<BenefitType[]>;

  listPromotions(query?: PromotionsQuery, options?: LanguageOptions): Promise<Page<Promotion>>;
  allPromotions(query?: Omit<PromotionsQuery, PageQueryKey>, options?: LanguageOptions): Promise<Promotion[]>;
  getPromotion(promotionId: number, options?: LanguageOptions): Promise<Promotion>;

  listCampaigns(query?: CampaignsQuery, options?: RequestOptions): Promise<Page<Campaign>>;
  allCampaigns(query?: Omit<CampaignsQuery, PageQueryKey>, options?: RequestOptions): Promise<Campaign[]>;
  getCampaign(campaignId: number, options?: RequestOptions): Promise<Campaign>;

  listProducts(query?: ProductsQuery, options?: LanguageOptions): Promise<Page<Product>>;
  allProducts(query?: Omit<ProductsQuery, PageQueryKey>, options?: LanguageOptions): Promise<Product[]>;
  getProduct(productId: number, options?: LanguageOptions): Promise<Product>;
}

type ListPage<T> = (query?: PageRequest & object, options?: LanguageOptions) => Promise<Page<T>>;

export function catalogueMethods(call: DvsCaller): CatalogueMethods {
  const list =
    <T>(route: string, item: (body: unknown) => T): ListPage<T> =>
    (query = {}, options = {}) =>
      getListPage(call, { route, query, item, acceptLanguage: options.acceptLanguage }, options);

  const all =
    <T>(page: ListPage<T>) =>
    (query: object = {}, options?: LanguageOptions): Promise<T[]> =>
      collectAllPages((n) => page({ per_page: MAX_PER_PAGE, ...query, page: n }, options));

  const one =
    <T>(route: string, param: string, item: (body: unknown) => T) =>
    async (id: string | number, options: LanguageOptions = {}): Promise<T> => {
      const { data } = await call(
        {
          method: 'GET',
          route,
          params: { [param]: id },
          acceptLanguage: options.acceptLanguage,
          effect: 'read',
          decode: item,
        },
        options,
      );
      return data;
    };

  const services = list('/services', decode.service);
  const countries = list('/countries', decode.country);
  const operators = list('/operators', decode.operator);
  const benefitTypes = list('/benefit-types', decode.benefitType);
  const promotions = list('/promotions', decode.promotion);
  const campaigns = list('/campaigns', decode.campaign);
  const products = list('/products', decode.product);

  return {
    listServices: services,
    allServices: all(services),
    getService: one('/services/{service_id}', 'service_id', decode.service),
    listCountries: countries,
    allCountries: all(countries),
    getCountry: one('/countries/{country_iso_code}', 'country_iso_code', decode.country),
    listOperators: operators,
    allOperators: all(operators),
    getOperator: one('/operators/{operator_id}', 'operator_id', decode.operator),
    listBenefitTypes: benefitTypes,
    allBenefitTypes: all(benefitTypes),
    listPromotions: promotions,
    allPromotions: all(promotions),
    getPromotion: one('/promotions/{promotion_id}', 'promotion_id', decode.promotion),
    listCampaigns: campaigns,
    allCampaigns: all(campaigns),
    getCampaign: one('/campaigns/{campaign_id}', 'campaign_id', decode.campaign),
    listProducts: products,
    allProducts: all(products),
    getProduct: one('/products/{product_id}', 'product_id', decode.product),
  };
}
