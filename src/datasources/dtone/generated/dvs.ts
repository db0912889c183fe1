/**
 * Generated from spec/dvs-api-spec.json (DVS v1.23.0) by scripts/codegen.ts. Do not edit by hand:
 * run `npm run codegen`.
 */
import type { WireNumber } from '../../../money/json.js';
export interface paths {
    "/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve list of services */
        get: operations["getServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/services/{service_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve service by ID */
        get: operations["getServiceById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/countries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve list of countries */
        get: operations["getCountries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/countries/{country_iso_code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve country by ISO code */
        get: operations["getCountryByIsoCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve list of operators */
        get: operations["getOperators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operators/{operator_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve operator by ID */
        get: operations["getOperatorById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/benefit-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve list of benefit types */
        get: operations["getBenefitTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve list of promotions */
        get: operations["getPromotions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/promotions/{promotion_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve promotion by ID */
        get: operations["getPromotionById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve list of active campaigns */
        get: operations["getCampaigns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/campaigns/{campaign_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve campaign by ID */
        get: operations["getCampaignById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve list of products
         * @description Retrieve a paginated list of products with optional filtering and sorting.
         *
         *     **Available sort fields:**
         *     - `id`: Product ID
         *     - `name`: Product name
         *     - `amount`: Destination Amount
         */
        get: operations["getProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{product_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve product by ID */
        get: operations["getProductById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/async/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a transaction asynchronously
         * @description Two transaction modes (asynchronous and synchronous) are available. This endpoint lets you create a transaction in the **asynchronous** mode. Note that the `auto_confirm` flag can be set to simultaneously create and confirm a transaction in one step (i.e. HTTP request).
         */
        post: operations["postTransactionAsync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a transaction synchronously
         * @description Two transaction modes (asynchronous and synchronous) are available. This endpoint lets you create a transaction in the **synchronous** mode. Note that the `auto_confirm` flag can be set to simultaneously create and confirm a transaction in one step (i.e. HTTP request).
         */
        post: operations["postTransactionSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/{transaction_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query a transaction by ID
         * @description This endpoint will return the details of the requested transaction.
         */
        get: operations["getTransactionById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query list of transactions
         * @description This endpoint will return a list of transactions matching the search criteria. Please note that when this endpoint is called without any parameters and/or if neither date ranges (i.e. `from_date`, `to_date`) nor `external_id` are specified, transactions created within the last 24 hours will be returned by default.
         */
        get: operations["getTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/async/transactions/{transaction_id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a transaction asynchronously
         * @description If an **asynchronous** transaction was created without setting the `auto_confirm` flag, this endpoint will have to be called to confirm the transaction. Once successfully confirmed, the transfer order will be submitted to the operator to be processed.
         *
         *     Please note that only unexpired transactions can be confirmed, as denoted in the `confirmation_expiration_date` field of the transaction. Beyond this, the only allowed change is to [cancel the transaction](/#tag/Transactions/paths/~1transactions~1{transaction_id}~1cancel/post), so as to release the held balance.
         */
        post: operations["postTransactionConfirmAsync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/transactions/{transaction_id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a transaction synchronously
         * @description If a **synchronous** transaction was created without setting the `auto_confirm` flag, this endpoint will have to be called to confirm the transaction. Once successfully confirmed, the transfer order will be submitted to the operator to be processed.
         *
         *     Please note that only unexpired transactions can be confirmed, as denoted in the `confirmation_expiration_date` field of the transaction. Beyond this, the only allowed change is to [cancel the transaction](/#tag/Transactions/paths/~1transactions~1{transaction_id}~1cancel/post), so as to release the held balance.
         */
        post: operations["postTransactionConfirmSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/{transaction_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a transaction
         * @description If a transaction is still in the `CREATED` state, it has not yet been submitted to the receiving operator for processing. You can thus request to cancel such transactions by calling this endpoint.
         */
        post: operations["postTransactionCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve balances */
        get: operations["getBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lookup/mobile-number": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Look up operators for a given mobile number */
        post: operations["postLookupMobileNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lookup/mobile-number/{mobile_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Look up operators for a given mobile number
         * @deprecated
         */
        get: operations["getLookupMobileNumber"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lookup/statement-inquiry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Inquire statements for a given account number */
        post: operations["postLookupStatementInquiry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lookup/credit-party-benefits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retrieve remaining product benefits for a given credit party */
        post: operations["postLookupCreditPartyBenefits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lookup/credit-party-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retrieve status for a given credit party */
        post: operations["postLookupCreditPartyStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Service: components["schemas"]["service"];
        SubService: components["schemas"]["subservice"];
        Country: components["schemas"]["country"];
        Operator: components["schemas"]["operator"];
        ServiceRegion: components["schemas"]["service_region"];
        BenefitType: components["schemas"]["benefit_type"];
        FixedBenefit: components["schemas"]["fixed_benefit"];
        RangedBenefit: components["schemas"]["ranged_benefit"];
        CreditPartyBenefit: components["schemas"]["credit_party_benefit"];
        CreditPartyStatus: components["schemas"]["credit_party_status"];
        ProductBase: components["schemas"]["product_base"];
        ProductFixedValueRecharge: components["schemas"]["product_base"] & components["schemas"]["product_fixed_value_recharge"] & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "FIXED_VALUE_RECHARGE";
        };
        ProductRangedValueRecharge: components["schemas"]["product_base"] & components["schemas"]["product_ranged_value_recharge"] & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RANGED_VALUE_RECHARGE";
        };
        ProductFixedValuePinPurchase: components["schemas"]["product_base"] & components["schemas"]["product_fixed_value_pin_purchase"] & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "FIXED_VALUE_PIN_PURCHASE";
        };
        ProductRangedValuePinPurchase: components["schemas"]["product_base"] & components["schemas"]["product_ranged_value_pin_purchase"] & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RANGED_VALUE_PIN_PURCHASE";
        };
        ProductRangedValuePayment: components["schemas"]["product_base"] & components["schemas"]["product_ranged_value_payment"] & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RANGED_VALUE_PAYMENT";
        };
        Product: components["schemas"]["ProductFixedValueRecharge"] | components["schemas"]["ProductRangedValueRecharge"] | components["schemas"]["ProductFixedValuePinPurchase"] | components["schemas"]["ProductRangedValuePinPurchase"] | components["schemas"]["ProductRangedValuePayment"];
        TransactionMetadataEsim: components["schemas"]["transaction_metadata_esim"];
        TransactionMetadata: components["schemas"]["transaction_metadata_esim"];
        ProductService: components["schemas"]["product_service"];
        ProductPromotion: components["schemas"]["product_promotion"];
        Promotion: components["schemas"]["promotion"];
        Campaign: components["schemas"]["campaign"];
        Transaction: components["schemas"]["transaction"];
        Balance: components["schemas"]["balance"];
        Rates: components["schemas"]["rates"];
        Validity: components["schemas"]["validity"];
        Statement: components["schemas"]["statement"];
        Errors: components["schemas"]["error"];
        EsimBalance: components["schemas"]["esim_balance"];
        EsimProfile: components["schemas"]["esim_profile"];
        "ISO-4217": components["schemas"]["iso-4217"];
        "X-ISO-3166-1_Alpha-3": components["schemas"]["x-iso-3166-1_alpha-3"];
        "X-ISO-3166-2": components["schemas"]["x-iso-3166-2"];
        E164: components["schemas"]["e164"];
        PostalCode: components["schemas"]["postal_code"];
        AccountNumber: components["schemas"]["account_number"];
        PurchaserID: components["schemas"]["purchaser_id"];
        CallbackURL: components["schemas"]["callback_url"];
        ProductSort: components["schemas"]["product_sort"];
        NonEmptyString: components["schemas"]["non_empty_string"];
        ServiceID: components["schemas"]["service_id"];
        SubServiceID: components["schemas"]["subservice_id"];
        OperatorID: components["schemas"]["operator_id"];
        ProductID: components["schemas"]["product_id"];
        ProductTag: components["schemas"]["product_tag"];
        PromotionID: components["schemas"]["promotion_id"];
        CampaignID: components["schemas"]["campaign_id"];
        TransactionID: components["schemas"]["transaction_id"];
        FixedBenefitAmount: components["schemas"]["fixed_benefit_amount"];
        RangeBenefitAmountWithoutIncrement: components["schemas"]["range_benefit_amount_without_increment"];
        RangeWithoutIncrement: components["schemas"]["range_without_increment"];
        Range: components["schemas"]["range"];
        PIN: components["schemas"]["pin"];
        Payment: components["schemas"]["payment"];
        CalculationModes: components["schemas"]["calculation_modes"];
        AvailabilityZones: components["schemas"]["availability_zones"];
        PaymentModes: components["schemas"]["payment_modes"];
        UnitTypes: components["schemas"]["unit_types"];
        ProductTypes: components["schemas"]["product_types"];
        BenefitTypes: components["schemas"]["benefit_types"];
        BenefitUnitTypes: components["schemas"]["benefit_unit_types"];
        TimeUnits: components["schemas"]["time_units"];
        TimeUnitTypes: components["schemas"]["time_unit_types"];
        EsimActivationType: components["schemas"]["esim_activation_type"];
        EsimActivationMode: components["schemas"]["esim_activation_mode"];
        EsimSizeUnit: components["schemas"]["esim_size_unit"];
        EsimValidityUnit: components["schemas"]["esim_validity_unit"];
        EsimExtendedDataPolicyType: components["schemas"]["esim_extended_data_policy_type"];
        EsimResetType: components["schemas"]["esim_reset_type"];
        EsimProfileState: components["schemas"]["esim_profile_state"];
        /** @description Country code in [ISO 3166](https://www.iso.org/iso-3166-country-codes.html) format. Note that the official list can be extended with additional country codes. */
        "x-iso-3166-1_alpha-3": string;
        error: {
            errors: {
                code: number;
                message: string;
            }[];
        };
        /**
         * Format: int32
         * @description Service identifier. See [Services](#tags/Services) for more details.
         */
        service_id: number;
        /**
         * Format: int32
         * @description Sub-service identifier. See [Services](#tags/Services) for more details.
         */
        subservice_id: number;
        subservice: {
            id: components["schemas"]["subservice_id"];
            name: string;
        };
        service: {
            id: components["schemas"]["service_id"];
            name: string;
            subservices: components["schemas"]["subservice"][] | null;
        };
        /** @description Country subregion code in [ISO 3166](https://www.iso.org/iso-3166-country-codes.html) format. Note that the official list can be extended with additional country codes. */
        "x-iso-3166-2": string;
        service_region: {
            name: string;
            code: components["schemas"]["x-iso-3166-2"];
        };
        country: {
            name: string;
            iso_code: components["schemas"]["x-iso-3166-1_alpha-3"];
            regions: components["schemas"]["service_region"][] | null;
        };
        /**
         * Format: int32
         * @description Operator identifier.
         */
        operator_id: number;
        operator: {
            id: components["schemas"]["operator_id"];
            name: string;
            country: components["schemas"]["country"];
            regions: components["schemas"]["service_region"][] | null;
        };
        /** @enum {string} */
        benefit_types: "TALKTIME" | "DATA" | "SMS" | "PAYMENT" | "CREDITS";
        benefit_type: {
            name: components["schemas"]["benefit_types"];
        };
        /**
         * Format: int32
         * @description Product identifier.
         */
        product_id: number;
        /** @enum {string} */
        product_types: "FIXED_VALUE_RECHARGE" | "RANGED_VALUE_RECHARGE" | "FIXED_VALUE_PIN_PURCHASE" | "RANGED_VALUE_PIN_PURCHASE" | "RANGED_VALUE_PAYMENT";
        promotion: {
            id: number;
            title: string;
            description: string;
            terms: string | null;
            /** Format: date-time */
            start_date: string;
            /** Format: date-time */
            end_date: string;
            operator: {
                id: components["schemas"]["operator_id"];
                name: string;
                country: {
                    name: string;
                    iso_code: components["schemas"]["x-iso-3166-1_alpha-3"];
                };
            };
            products: {
                id: number;
                name: string;
                description: string;
                type: components["schemas"]["product_types"];
            }[];
        };
        /**
         * Format: int32
         * @description Promotion identifier.
         */
        promotion_id: number;
        campaign: {
            id: number;
            title: string;
            description: string;
            terms: string | null;
            /** Format: date-time */
            start_date: string;
            /** Format: date-time */
            end_date: string;
            products: {
                id: number;
                name: string;
                description: string;
                type: components["schemas"]["product_types"];
                operator: components["schemas"]["operator"];
            }[];
        };
        /**
         * Format: int32
         * @description Campaign identifier.
         */
        campaign_id: number;
        /** @description Product tag. */
        product_tag: string;
        /**
         * @description Sort results by supported fields: id (default), name or amount. Pass the dash operator (-) for descending direction. Default is ascending. Multiple fields can be separated by a comma. Examples: "sort=name" sort by name in ascending manner. "sort=-amount" sort by destination amount in descending manner. "sort=amount,name" sort by amount and then by name
         * @example name
         */
        product_sort: string;
        product_service: {
            id: components["schemas"]["service_id"];
            name: string;
            subservice?: {
                id?: components["schemas"]["subservice_id"];
                name?: string;
            } | null;
        };
        product_base: {
            id: number;
            name: string;
            description: string;
            tags: components["schemas"]["product_tag"][] | null;
            service: components["schemas"]["product_service"];
            operator: components["schemas"]["operator"] & unknown;
            regions: components["schemas"]["service_region"][] | null;
        };
        /** @enum {string} */
        time_units: "HOUR" | "DAY" | "WEEK" | "MONTH";
        validity: {
            unit: components["schemas"]["time_units"];
            /** @description Quantity related to validity (e.g. `7` in `7 DAY`). A `null` value indicates validity is not known, while a value of `-1` indicates unlimited validity (i.e. no expiration). */
            quantity: number;
        } | null;
        /** @enum {string} */
        availability_zones: "DOMESTIC" | "INTERNATIONAL";
        /** @enum {string} */
        unit_types: "CURRENCY";
        rates: {
            /**
             * Format: double
             * @description Exchange rate between the source amount and the destination amount.
             */
            base: WireNumber;
            /**
             * Format: double
             * @description Exchange rate between the wholesale price and the destination amount.
             */
            wholesale: WireNumber;
            /**
             * Format: double
             * @description Exchange rate between the retail price and the destination amount. A `null` value indicates retail prices are not configured, while a `-1` value indicates an infinite rate due to retail price being configured to a zero value.
             */
            retail: WireNumber | null;
        };
        /** @enum {string} */
        benefit_unit_types: "TIME" | "DATA" | "QUANTITY" | "CURRENCY";
        fixed_benefit_amount: {
            /**
             * Format: double
             * @description Base benefit amount. A value of `-1` indicates an unlimited benefit (e.g. unlimited data, calls, or SMS).
             */
            base: WireNumber;
            /**
             * Format: double
             * @default 0
             */
            promotion_bonus: WireNumber;
            /** Format: double */
            total_excluding_tax: WireNumber;
            /** Format: double */
            total_including_tax: WireNumber;
        };
        fixed_benefit: {
            type: components["schemas"]["benefit_types"];
            unit_type: components["schemas"]["benefit_unit_types"];
            unit: string;
            amount: components["schemas"]["fixed_benefit_amount"];
            additional_information: string | null;
        };
        product_promotion: {
            id: number;
            title: string;
            description: string;
            terms: string | null;
            /** Format: date-time */
            start_date: string;
            /** Format: date-time */
            end_date: string;
        };
        product_fixed_value_recharge: {
            /** @enum {string} */
            type: "FIXED_VALUE_RECHARGE";
            validity: components["schemas"]["validity"];
            required_debit_party_identifier_fields: string[][] | null;
            required_credit_party_identifier_fields: string[][];
            required_sender_fields: string[][] | null;
            required_beneficiary_fields: string[][] | null;
            required_statement_identifier_fields: string[][] | null;
            required_additional_identifier_fields: string[][] | null;
            availability_zones: components["schemas"]["availability_zones"][];
            source: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                /** Format: double */
                amount: WireNumber;
            };
            destination: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                /** Format: double */
                amount: WireNumber;
            };
            prices: {
                wholesale: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: string;
                    /** Format: double */
                    amount: WireNumber;
                    /** Format: double */
                    fee: WireNumber;
                };
                retail: {
                    unit_type: components["schemas"]["unit_types"] & unknown;
                    unit: string | null;
                    /** Format: double */
                    amount: WireNumber | null;
                    /** Format: double */
                    fee: WireNumber | null;
                } | null;
            };
            rates: components["schemas"]["rates"];
            benefits: components["schemas"]["fixed_benefit"][] | null;
            promotions: components["schemas"]["product_promotion"][] | null;
        };
        /** @enum {string} */
        calculation_modes: "SOURCE_AMOUNT" | "DESTINATION_AMOUNT";
        range_without_increment: {
            /** Format: double */
            min?: WireNumber;
            /** Format: double */
            max?: WireNumber;
        };
        range: {
            /**
             * Format: double
             * @description Lower boundary of allowed values within the range (inclusive).
             */
            min?: WireNumber;
            /**
             * Format: double
             * @description Upper boundary of allowed values within the range (inclusive).
             */
            max?: WireNumber;
            /**
             * Format: double
             * @description Values within the range are in increments of this value.
             */
            increment?: WireNumber;
        };
        range_benefit_amount_without_increment: {
            /** @description Base product benefits. A `-1` value for `min` or `max` indicates an unlimited benefit (e.g. unlimited data, calls, or SMS). */
            base: {
                /** Format: double */
                min: WireNumber;
                /** Format: double */
                max: WireNumber;
            };
            /** @description Additional product benefits from applicable promotions. */
            promotion_bonus: {
                /**
                 * Format: double
                 * @default 0
                 */
                min: WireNumber;
                /**
                 * Format: double
                 * @default 0
                 */
                max: WireNumber;
            };
            /** @description Product benefits including promotions before taxes. */
            total_excluding_tax: {
                /** Format: double */
                min: WireNumber;
                /** Format: double */
                max: WireNumber;
            };
            /** @description Product benefits including promotions after taxes. This field indicates the end benefits received by the end user. */
            total_including_tax: {
                /** Format: double */
                min: WireNumber;
                /** Format: double */
                max: WireNumber;
            };
        };
        ranged_benefit: {
            type: components["schemas"]["benefit_types"];
            unit_type: components["schemas"]["benefit_unit_types"];
            unit: string;
            amount: components["schemas"]["range_benefit_amount_without_increment"];
            additional_information: string | null;
        };
        product_ranged_value_recharge: {
            /** @enum {string} */
            type: "RANGED_VALUE_RECHARGE";
            validity: components["schemas"]["validity"];
            required_debit_party_identifier_fields: string[][] | null;
            required_credit_party_identifier_fields: string[][];
            required_sender_fields: string[][] | null;
            required_beneficiary_fields: string[][] | null;
            required_statement_identifier_fields: string[][] | null;
            required_additional_identifier_fields: string[][] | null;
            accepted_calculation_modes: components["schemas"]["calculation_modes"][];
            availability_zones: components["schemas"]["availability_zones"][];
            source: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                amount: components["schemas"]["range_without_increment"];
            };
            destination: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                amount: components["schemas"]["range"];
            };
            prices: {
                wholesale: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: string;
                    amount: components["schemas"]["range_without_increment"];
                    /** Format: double */
                    fee: WireNumber;
                };
                retail: {
                    unit_type: components["schemas"]["unit_types"] & unknown;
                    unit: string | null;
                    amount: components["schemas"]["range_without_increment"] & unknown;
                    /** Format: double */
                    fee: WireNumber | null;
                } | null;
            };
            rates: components["schemas"]["rates"];
            benefits: components["schemas"]["ranged_benefit"][] | null;
            promotions: components["schemas"]["product_promotion"][] | null;
        };
        pin: {
            usage_info: string[] | null;
            validity: components["schemas"]["validity"];
            /** @description Contains special conditions, as well as generic product Terms & Conditions. Formatted in [Markdown](https://en.wikipedia.org/wiki/Markdown). */
            terms: string | null;
        };
        product_fixed_value_pin_purchase: {
            /** @enum {string} */
            type: "FIXED_VALUE_PIN_PURCHASE";
            validity: components["schemas"]["validity"];
            required_debit_party_identifier_fields: string[][] | null;
            required_credit_party_identifier_fields: string[][] | null;
            required_sender_fields: string[][] | null;
            required_beneficiary_fields: string[][] | null;
            required_statement_identifier_fields: string[][] | null;
            required_additional_identifier_fields: string[][] | null;
            availability_zones: components["schemas"]["availability_zones"][];
            source: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                /** Format: double */
                amount: WireNumber;
            };
            destination: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                /** Format: double */
                amount: WireNumber;
            };
            prices: {
                wholesale: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: string;
                    /** Format: double */
                    amount: WireNumber;
                    /** Format: double */
                    fee: WireNumber;
                };
                retail: {
                    unit_type: components["schemas"]["unit_types"] & unknown;
                    unit: string | null;
                    /** Format: double */
                    amount: WireNumber | null;
                    /** Format: double */
                    fee: WireNumber | null;
                } | null;
            };
            rates: components["schemas"]["rates"];
            pin: components["schemas"]["pin"];
            benefits: components["schemas"]["fixed_benefit"][] | null;
            promotions: components["schemas"]["product_promotion"][] | null;
        };
        product_ranged_value_pin_purchase: {
            /** @enum {string} */
            type: "RANGED_VALUE_PIN_PURCHASE";
            validity: components["schemas"]["validity"];
            required_debit_party_identifier_fields: string[][] | null;
            required_credit_party_identifier_fields: string[][] | null;
            required_sender_fields: string[][] | null;
            required_beneficiary_fields: string[][] | null;
            required_statement_identifier_fields: string[][] | null;
            required_additional_identifier_fields: string[][] | null;
            accepted_calculation_modes: components["schemas"]["calculation_modes"][];
            availability_zones: components["schemas"]["availability_zones"][];
            source: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                amount: components["schemas"]["range_without_increment"];
            };
            destination: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                amount: components["schemas"]["range"];
            };
            prices: {
                wholesale: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: string;
                    amount: components["schemas"]["range_without_increment"];
                    /** Format: double */
                    fee: WireNumber;
                };
                retail: {
                    unit_type: components["schemas"]["unit_types"] & unknown;
                    unit: string | null;
                    amount: components["schemas"]["range_without_increment"] & unknown;
                    /** Format: double */
                    fee: WireNumber | null;
                } | null;
            };
            rates: components["schemas"]["rates"];
            pin: components["schemas"]["pin"];
            benefits: components["schemas"]["ranged_benefit"][] | null;
            promotions: components["schemas"]["product_promotion"][] | null;
        };
        /** @enum {string} */
        payment_modes: "PARTIAL" | "EXACT" | "EXCESS" | "PAST_DUE";
        /** @enum {string} */
        time_unit_types: "BUSINESS" | "CALENDAR";
        payment: {
            modes: components["schemas"]["payment_modes"][] | null;
            posting_period: {
                unit: components["schemas"]["time_units"];
                quantity: number;
                type: components["schemas"]["time_unit_types"];
            } | null;
            supports_statement_inquiry: boolean;
            required_inquiry_fields?: string[][] | null;
            notes?: string[] | null;
        };
        product_ranged_value_payment: {
            /** @enum {string} */
            type: "RANGED_VALUE_PAYMENT";
            validity: components["schemas"]["validity"];
            required_debit_party_identifier_fields: string[][] | null;
            required_credit_party_identifier_fields: string[][];
            required_sender_fields: string[][] | null;
            required_beneficiary_fields: string[][] | null;
            required_statement_identifier_fields: string[][] | null;
            required_additional_identifier_fields: string[][] | null;
            accepted_calculation_modes: components["schemas"]["calculation_modes"][];
            availability_zones: components["schemas"]["availability_zones"][];
            source: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                amount: components["schemas"]["range_without_increment"];
            };
            destination: {
                unit_type: components["schemas"]["unit_types"];
                unit: string;
                amount: components["schemas"]["range"];
            };
            prices: {
                wholesale: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: string;
                    amount: components["schemas"]["range_without_increment"];
                    /** Format: double */
                    fee: WireNumber;
                };
                retail: {
                    unit_type: components["schemas"]["unit_types"] & unknown;
                    unit: string | null;
                    amount: components["schemas"]["range_without_increment"] & unknown;
                    /** Format: double */
                    fee: WireNumber | null;
                } | null;
            };
            rates: components["schemas"]["rates"];
            payment: components["schemas"]["payment"];
            benefits: components["schemas"]["ranged_benefit"][] | null;
            promotions: components["schemas"]["product_promotion"][] | null;
        };
        /**
         * Format: int64
         * @description Unique transaction identifier.
         */
        transaction_id: number;
        non_empty_string: string;
        /** @description Mobile number in [E.164](https://en.wikipedia.org/wiki/E.164) format. */
        e164: string;
        /** @description Postal code. */
        postal_code: string;
        /** @description Account number. */
        account_number: string;
        /** @description Anonymized ID related to the purchase for compliance reasons (e.g. terminal, POS, agent, end user, etc). */
        purchaser_id: string;
        /**
         * @description Type of activation performed.
         * @enum {string}
         */
        esim_activation_type: "DATA_PLAN" | "TOP_UP";
        /**
         * @description Unit of the data size.
         * @enum {string}
         */
        esim_size_unit: "TB" | "GB" | "MB" | "KB" | "B";
        /**
         * @description Unit of validity period.
         * @enum {string}
         */
        esim_validity_unit: "YEAR" | "MONTH" | "WEEK" | "DAY" | "HOUR" | "MINUTE" | "SECOND";
        /**
         * @description Package type.
         * @enum {string}
         */
        esim_extended_data_policy_type: "STANDARD" | "UNLIMITED";
        /**
         * @description Method for resetting the high-speed data volume. Determines whether the interval or fixed_time field is returned. TIME_INTERVAL: high-speed volume resets on a recurring interval from activation (see interval field). FIXED_TIME: high-speed volume resets at a specific time of day (see fixed_time field). NONE: high-speed volume does not reset.
         * @enum {string|null}
         */
        esim_reset_type: "TIME_INTERVAL" | "FIXED_TIME" | "NONE" | null;
        /** @description Balance information for the activated eSIM data package. */
        esim_balance: {
            /** @description Total data size of the package. */
            size: {
                /**
                 * Format: int64
                 * @description Numeric value of the data size.
                 */
                amount: number;
                unit: components["schemas"]["esim_size_unit"];
            };
            /** @description Remaining validity of the package. */
            validity: {
                /**
                 * @description Original validity size of the activated item.
                 * @example 365
                 */
                quantity: number;
                unit: components["schemas"]["esim_validity_unit"];
            };
            /** @description Country set code (e.g., WWW for worldwide). */
            country_set: string;
            /** @description Enriched with runtime state for an activated pack. Always returned. For STANDARD plans, only the type field will be returned. */
            extended_data_policy: {
                type: components["schemas"]["esim_extended_data_policy_type"];
                reset_type?: components["schemas"]["esim_reset_type"] & unknown;
                /**
                 * @description Interval duration for high-speed volume reset. Only present when reset_type is TIME_INTERVAL. For example, "24h" means the high-speed volume resets every 24 hours from activation.
                 * @example 24h
                 */
                interval?: string | null;
                /**
                 * @description Time of day (HH:MM in UTC) when high-speed volume resets. Only present when reset_type is FIXED_TIME. Typically midnight ("00:00") but may vary due to time zone differences (e.g., "08:00").
                 * @example 00:00
                 */
                fixed_time?: string | null;
                /**
                 * @description Speed to throttle to after high-speed volume is used up.
                 * @example 128 KB/s
                 */
                throttle_speed?: string | null;
                /** @description Total high-speed data volume before throttling. Only populated when extended_data_policy type is UNLIMITED. */
                total_high_speed_volume?: {
                    /**
                     * Format: int64
                     * @description Numeric value of the data size.
                     */
                    amount: number;
                    unit: components["schemas"]["esim_size_unit"];
                } | null;
            };
        };
        /** @description eSIM profile information. Only returned when activation_type is DATA_PLAN. Not present for TOP_UP transactions. */
        esim_profile: {
            /** @description Integrated Circuit Card Identifier. */
            iccid: string;
            /** @description QR code content for eSIM installation. */
            activation_code: string;
            /**
             * Format: uri
             * @description Universal link for eSIM installation on Apple devices.
             */
            apple_universal_link: string;
            /**
             * Format: uri
             * @description Universal link for eSIM installation on Android devices.
             */
            android_universal_link: string;
            /**
             * Format: uri
             * @description Generic installation URL for the eSIM.
             */
            installation_url: string;
        } | null;
        /** @description eSIM transaction metadata. */
        transaction_metadata_esim: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ESIM";
            activation_type: components["schemas"]["esim_activation_type"];
            balance: components["schemas"]["esim_balance"];
            /** @description eSIM profile information. Only returned when activation_type is DATA_PLAN. Not present for TOP_UP transactions. */
            profile?: components["schemas"]["esim_profile"];
        };
        transaction: {
            readonly id?: components["schemas"]["transaction_id"];
            external_id: components["schemas"]["non_empty_string"] & unknown & unknown;
            /** Format: date-time */
            readonly creation_date?: string;
            /** Format: date-time */
            readonly confirmation_expiration_date?: string;
            /** Format: date-time */
            readonly confirmation_date?: string;
            product_id: components["schemas"]["product_id"];
            calculation_mode?: components["schemas"]["calculation_modes"] & unknown & unknown & unknown;
            /** @description Required for ranged value products and when `calculation_mode` is set to `SOURCE_AMOUNT` */
            source?: {
                unit_type: components["schemas"]["unit_types"];
                unit: components["schemas"]["non_empty_string"];
                /** Format: double */
                amount: WireNumber;
            } | null;
            /** @description Required for ranged value products and when `calculation_mode` is set to `DESTINATION_AMOUNT` */
            destination?: {
                unit_type: components["schemas"]["unit_types"];
                unit: components["schemas"]["non_empty_string"];
                /** Format: double */
                amount: WireNumber;
            } | null;
            /**
             * @description Determines whether a transaction will be automatically confirmed upon creation or not. This is opted-out by default. Setting this field to `true` is recommended when transaction details, e.g. prices, are known as it removes the need to perform a separate API call to [confirm transactions](#operation/postTransactionConfirmAsync).
             * @default false
             */
            auto_confirm: boolean;
            readonly status?: {
                id?: number;
                message?: components["schemas"]["non_empty_string"];
                class?: {
                    id: number;
                    message: components["schemas"]["non_empty_string"];
                };
            };
            readonly operator_reference?: string | null;
            readonly pin?: {
                code: string | null;
                serial: string | null;
            } | null;
            product?: components["schemas"]["product_base"] & {
                type?: components["schemas"]["product_types"];
                pin?: components["schemas"]["pin"] & unknown;
            } & unknown & unknown;
            readonly prices?: {
                wholesale: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: components["schemas"]["non_empty_string"] & unknown;
                    /** Format: double */
                    amount: WireNumber;
                    /** Format: double */
                    fee: WireNumber;
                };
                retail: {
                    unit_type: components["schemas"]["unit_types"] & unknown;
                    unit: components["schemas"]["non_empty_string"] & unknown;
                    /** Format: double */
                    amount: WireNumber | null;
                    /** Format: double */
                    fee: WireNumber | null;
                } | null;
            };
            rates?: components["schemas"]["rates"] & unknown;
            readonly benefits?: (components["schemas"]["fixed_benefit"] | components["schemas"]["ranged_benefit"])[] | null;
            readonly promotions?: components["schemas"]["product_promotion"][] | null;
            readonly requested_values?: {
                source?: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: components["schemas"]["non_empty_string"];
                    /** Format: double */
                    amount: WireNumber;
                };
                destination?: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: components["schemas"]["non_empty_string"];
                    /** Format: double */
                    amount: WireNumber;
                };
            } | null;
            readonly adjusted_values?: {
                source?: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: components["schemas"]["non_empty_string"];
                    /** Format: double */
                    amount: WireNumber;
                };
                destination?: {
                    unit_type: components["schemas"]["unit_types"];
                    unit: components["schemas"]["non_empty_string"];
                    /** Format: double */
                    amount: WireNumber;
                };
            } | null;
            /** @description Sender details for a transaction. This information is mostly optional and will only be required for products with sender information requirements as outlined in `required_sender_fields`. */
            sender?: {
                last_name?: components["schemas"]["non_empty_string"];
                first_name?: components["schemas"]["non_empty_string"];
                middle_name?: components["schemas"]["non_empty_string"];
                nationality_country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                mobile_number?: components["schemas"]["e164"];
                email?: components["schemas"]["non_empty_string"];
                address_text?: components["schemas"]["non_empty_string"];
                address_city?: components["schemas"]["non_empty_string"];
                address_country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                address_postal_code?: components["schemas"]["postal_code"];
            } | null;
            /** @description Beneficiary details for a transaction. This information is mostly optional and will only be required for products with beneficiary information requirements as outlined in `required_beneficiary_fields`. */
            beneficiary?: {
                last_name?: components["schemas"]["non_empty_string"];
                first_name?: components["schemas"]["non_empty_string"];
                middle_name?: components["schemas"]["non_empty_string"];
                nationality_country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                mobile_number?: components["schemas"]["e164"];
                email?: components["schemas"]["non_empty_string"];
                address_text?: components["schemas"]["non_empty_string"];
                address_city?: components["schemas"]["non_empty_string"];
                address_country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                address_postal_code?: components["schemas"]["postal_code"];
            } | null;
            /** @description Sending account details for a transaction. This information is mostly optional and will only be required for products with debit party information requirements as outlined in `required_debit_party_identifier_fields`. */
            debit_party_identifier?: {
                mobile_number?: components["schemas"]["e164"];
                account_number?: components["schemas"]["account_number"];
                account_qualifier?: components["schemas"]["non_empty_string"];
            } | null;
            /** @description Receiving account details for a transaction. This information will be required for the majority of products with credit party inofrmation requirements outlined in `required_credit_party_identifier_fields`, but will be optional for certain products without any upfront recipient, e.g. Gift Cards. */
            credit_party_identifier?: {
                mobile_number?: components["schemas"]["e164"];
                account_number?: components["schemas"]["account_number"];
                account_qualifier?: components["schemas"]["non_empty_string"];
            } | null;
            /** @description Qualifying statement details for a payment transaction. This information is mostly optional and will only be required for specific payment products with statement identifier requirements as outlined in `required_statement_identifier_fields`. */
            statement_identifier?: {
                reference?: components["schemas"]["non_empty_string"];
                /** Format: date */
                due_date?: string;
            } | null;
            /** @description Additional details for a transaction. This information is mostly optional and will be required primarily for compliance reasons for products with additional information requirements as outlined in `required_additional_identifier_fields`. */
            additional_identifier?: {
                purchaser_id?: components["schemas"]["purchaser_id"];
            } | null;
            /**
             * @description Optional metadata related to the transaction. This can include any additional information that may be relevant
             *     for the transaction but is not covered by the other fields.
             *     The structure of this object can vary depending on the product type or service and specific use case.
             *     For example, for eSIM products, this field may contain additional details about the eSIM activation, balance and profile.
             */
            metadata?: Omit<components["schemas"]["TransactionMetadata"], "type">;
        };
        /**
         * Format: uri
         * @description Transaction status updates will be sent to this endpoint. See [Callbacks](#section/Overview/Callbacks) for more details.
         */
        callback_url: string;
        balance: {
            id: number;
            unit_type: components["schemas"]["unit_types"];
            unit: string;
            /** Format: double */
            available: WireNumber;
            /** Format: double */
            holding: WireNumber;
            /** Format: double */
            credit_limit: WireNumber;
        };
        statement: {
            reference: unknown & components["schemas"]["non_empty_string"];
            dates: {
                /**
                 * Format: date
                 * @description Account statement due date.
                 */
                due?: string;
                /**
                 * Format: date
                 * @description Account statement date.
                 */
                statement?: string;
            };
            balance: {
                unit_type?: components["schemas"]["unit_types"];
                unit?: string;
                /**
                 * Format: double
                 * @description Outstanding balance for a given account statement.
                 */
                amount?: WireNumber;
            };
        };
        credit_party_benefit: {
            type: components["schemas"]["benefit_types"];
            unit_type: components["schemas"]["benefit_unit_types"];
            unit: string;
            /**
             * Format: double
             * @description Remaining benefit amount. A value of `-1` indicates an unlimited benefit (e.g. unlimited data, calls, or SMS).
             * @default 0
             */
            amount: WireNumber;
            /**
             * Format: date-time
             * @description A `null` value denotes either no expiration applies or that the product benefit has not yet been activated.
             */
            expiration_date: string | null;
            country: components["schemas"]["country"];
        };
        credit_party_status: {
            /**
             * Format: date-time
             * @description A `null` value denotes either the concept of installation does not apply for the given credit party or that the credit party has not yet been installed
             */
            installation_date: string | null;
            /**
             * Format: date-time
             * @description A `null` value denotes that credit party has not yet been activated on the actual network
             */
            activation_date: string | null;
        };
        /** @description Currency code in [ISO 4217](https://www.iso.org/iso-4217-currency-codes.html) format. */
        "iso-4217": string;
        /**
         * @description NOW: balance activated immediately after top-up.
         *     FIRST_USE: balance activated on first use.
         *     ON_DEMAND: balance activated when explicitly requested via API.
         * @enum {string|null}
         */
        esim_activation_mode: "NOW" | "FIRST_USE" | "ON_DEMAND" | null;
        /**
         * @description Current state of the eSIM profile.
         * @enum {string|null}
         */
        esim_profile_state: "RELEASED" | "INSTALLED" | "AVAILABLE" | "ALLOCATED" | "LINKED" | "CONFIRMED" | "UNAVAILABLE" | "CREATED" | "DISABLED" | "ENABLED" | "DELETED" | "UNKNOWN" | "QUARANTINE" | "ERROR" | "DOWNLOADED" | null;
    };
    responses: never;
    parameters: {
        /** @description Page number. */
        Page: number;
        /** @description Number of records per page. */
        PerPage: number;
        /** @description Preferred language for the content */
        "Accept-Language": string;
    };
    requestBodies: never;
    headers: {
        /** @description Total number of records. */
        "X-Total": number;
        /** @description Total number of pages. */
        "X-Total-Pages": number;
        /** @description Number of records per page */
        "X-Per-Page": number;
        /** @description Current page number. */
        "X-Page": number;
        /** @description Next page number (if any). */
        "X-Next-Page": number;
        /** @description Previous page number (if any). */
        "X-Prev-Page": number;
        /** @description Language of the returned content */
        "Content-Language": string;
        /** @description List of request header fields influencing response content */
        Vary: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getServices: {
        parameters: {
            query?: {
                country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["service"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getServiceById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: components["schemas"]["service_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["service"];
                };
            };
            /** @description Service not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getCountries: {
        parameters: {
            query?: {
                /** @description Service identifier. See [Services](#tags/Services) for more details. Required when `subservice_id` is specified. */
                service_id?: components["schemas"]["service_id"];
                subservice_id?: components["schemas"]["subservice_id"];
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["country"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getCountryByIsoCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                country_iso_code: components["schemas"]["x-iso-3166-1_alpha-3"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["country"];
                };
            };
            /** @description Country not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getOperators: {
        parameters: {
            query?: {
                country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                /** @description Service identifier. See [Services](#tags/Services) for more details. Required when `subservice_id` is specified. */
                service_id?: components["schemas"]["service_id"];
                subservice_id?: components["schemas"]["subservice_id"];
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": (components["schemas"]["operator"] & unknown)[];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getOperatorById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: components["schemas"]["operator_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["operator"] & unknown;
                };
            };
            /** @description Operator not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getBenefitTypes: {
        parameters: {
            query?: {
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["benefit_type"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getPromotions: {
        parameters: {
            query?: {
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
                country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                operator_id?: components["schemas"]["operator_id"];
                product_id?: components["schemas"]["product_id"];
            };
            header?: {
                /** @description Preferred language for the content */
                "Accept-Language"?: components["parameters"]["Accept-Language"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    "Content-Language": components["headers"]["Content-Language"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["promotion"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getPromotionById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Preferred language for the content */
                "Accept-Language"?: components["parameters"]["Accept-Language"];
            };
            path: {
                promotion_id: components["schemas"]["promotion_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "Content-Language": components["headers"]["Content-Language"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["promotion"];
                };
            };
            /** @description Promotion not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getCampaigns: {
        parameters: {
            query?: {
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
                country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                operator_id?: components["schemas"]["operator_id"];
                product_id?: components["schemas"]["product_id"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["campaign"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getCampaignById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: components["schemas"]["campaign_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["campaign"];
                };
            };
            /** @description Campaign not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getProducts: {
        parameters: {
            query?: {
                type?: components["schemas"]["product_types"];
                /** @description Service identifier. See [Services](#tags/Services) for more details. Required when `subservice_id` is specified. */
                service_id?: components["schemas"]["service_id"];
                subservice_id?: components["schemas"]["subservice_id"];
                tags?: components["schemas"]["product_tag"][];
                country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                operator_id?: components["schemas"]["operator_id"];
                region?: components["schemas"]["x-iso-3166-2"];
                benefit_types?: components["schemas"]["benefit_types"][];
                sort?: components["schemas"]["product_sort"];
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: {
                /** @description Preferred language for the content */
                "Accept-Language"?: components["parameters"]["Accept-Language"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    "Content-Language": components["headers"]["Content-Language"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getProductById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Preferred language for the content */
                "Accept-Language"?: components["parameters"]["Accept-Language"];
            };
            path: {
                product_id: components["schemas"]["product_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "Content-Language": components["headers"]["Content-Language"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description Product not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postTransactionAsync: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["transaction"] & {
                    callback_url?: components["schemas"]["callback_url"];
                };
            };
        };
        responses: {
            /** @description Transaction created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["transaction"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postTransactionSync: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["transaction"];
            };
        };
        responses: {
            /** @description Transaction created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["transaction"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getTransactionById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transaction_id: components["schemas"]["transaction_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["transaction"] & {
                        callback_url?: components["schemas"]["callback_url"];
                    };
                };
            };
            /** @description Transaction not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getTransactions: {
        parameters: {
            query?: {
                /** @description Unique identifier for the transaction in your system. */
                external_id?: string;
                product_type?: components["schemas"]["product_types"];
                service_id?: components["schemas"]["service_id"];
                subservice_id?: components["schemas"]["subservice_id"];
                country_iso_code?: components["schemas"]["x-iso-3166-1_alpha-3"];
                operator_id?: components["schemas"]["operator_id"];
                status_id?: number;
                credit_party_mobile_number?: components["schemas"]["e164"];
                credit_party_account_number?: components["schemas"]["account_number"];
                /**
                 * @description Starting date to filter transactions based on creation date, inclusive of the provided date. Please note that the window between `from_date` and `to_date` can not exceed 24 hours.
                 * @example 1970-01-01T00:00:00.000000Z
                 */
                from_date?: string;
                /**
                 * @description Ending date to filter transactions based on creation date, inclusive of the provided date. Please note that the window between `from_date` and `to_date` can not exceed 24 hours.
                 * @example 2020-02-02T14:00:00.022220+08:00
                 */
                to_date?: string;
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": (components["schemas"]["transaction"] & {
                        callback_url?: components["schemas"]["callback_url"];
                    })[];
                };
            };
            /** @description Transaction not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postTransactionConfirmAsync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transaction_id: components["schemas"]["transaction_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transaction confirmed */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["transaction"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postTransactionConfirmSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transaction_id: components["schemas"]["transaction_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transaction confirmed */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["transaction"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postTransactionCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transaction_id: components["schemas"]["transaction_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transaction cancelled */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["transaction"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getBalances: {
        parameters: {
            query?: {
                unit_type?: components["schemas"]["unit_types"];
                unit?: string;
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["balance"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postLookupMobileNumber: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    mobile_number: components["schemas"]["e164"];
                    /**
                     * Format: int32
                     * @description Page number
                     * @default 1
                     */
                    page?: number;
                    /**
                     * Format: int32
                     * @description Number of records per page
                     * @default 50
                     */
                    per_page?: number;
                };
            };
        };
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": (components["schemas"]["operator"] & {
                        /** @description Indicates whether operator was identified as a direct match */
                        identified: boolean;
                    } & unknown)[];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    getLookupMobileNumber: {
        parameters: {
            query?: {
                /** @description Page number. */
                page?: components["parameters"]["Page"];
                /** @description Number of records per page. */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path: {
                mobile_number: components["schemas"]["e164"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": (components["schemas"]["operator"] & {
                        /** @description Indicates whether operator was identified as a direct match */
                        identified: boolean;
                    } & unknown)[];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postLookupStatementInquiry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    product_id: components["schemas"]["product_id"];
                    account_number: components["schemas"]["account_number"];
                    account_qualifier?: components["schemas"]["non_empty_string"];
                    /**
                     * Format: int32
                     * @description Page number
                     * @default 1
                     */
                    page?: number;
                    /**
                     * Format: int32
                     * @description Number of records per page
                     * @default 50
                     */
                    per_page?: number;
                };
            };
        };
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["statement"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postLookupCreditPartyBenefits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    service_id: components["schemas"]["service_id"];
                    credit_party_identifier: {
                        mobile_number?: components["schemas"]["e164"];
                        account_number?: components["schemas"]["account_number"];
                        account_qualifier?: components["schemas"]["non_empty_string"];
                    };
                    /**
                     * Format: int32
                     * @description Page number
                     * @default 1
                     */
                    page?: number;
                    /**
                     * Format: int32
                     * @description Number of records per page
                     * @default 50
                     */
                    per_page?: number;
                };
            };
        };
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    "X-Total": components["headers"]["X-Total"];
                    "X-Total-Pages": components["headers"]["X-Total-Pages"];
                    "X-Per-Page": components["headers"]["X-Per-Page"];
                    "X-Page": components["headers"]["X-Page"];
                    "X-Next-Page": components["headers"]["X-Next-Page"];
                    "X-Prev-Page": components["headers"]["X-Prev-Page"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["credit_party_benefit"][];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
    postLookupCreditPartyStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    service_id: components["schemas"]["service_id"];
                    credit_party_identifier: {
                        mobile_number?: components["schemas"]["e164"];
                        account_number?: components["schemas"]["account_number"];
                        account_qualifier?: components["schemas"]["non_empty_string"];
                    };
                };
            };
        };
        responses: {
            /** @description successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["credit_party_status"];
                };
            };
            /** @description default error response */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error"];
                };
            };
        };
    };
}
