import { Type } from 'typebox';

/** TypeBox shapes shared by the sales and returns routes (CONTRACT.md). */
export const Minor = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
export const PositiveMinor = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });
export const BasisPoints = Type.Integer({ minimum: 0, maximum: 10_000 });
export const Quantity = Type.Integer({ minimum: 1, maximum: 10_000 });
export const Method = Type.Union([Type.Literal('cash'), Type.Literal('card')]);

export const DiscountSchema = Type.Union([
  Type.Object({ kind: Type.Literal('amount'), amountMinor: Minor }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('percent'), basisPoints: BasisPoints }, { additionalProperties: false }),
]);

export const ApprovalSchema = Type.Object(
  { staffId: Type.String({ minLength: 1, maxLength: 64 }), pin: Type.String({ pattern: '^[0-9]{4,8}$' }) },
  { additionalProperties: false },
);

export const SaleRequestSchema = Type.Object(
  {
    id: Type.String({ pattern: '^sale_[0-9A-Za-z]{1,60}$' }),
    registerId: Type.String({ minLength: 1, maxLength: 64 }),
    lines: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^line_[0-9A-Za-z]{1,60}$' }),
          variantId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          misc: Type.Optional(
            Type.Object(
              {
                description: Type.String({ minLength: 1, maxLength: 200 }),
                priceMinor: Minor,
                taxRateBp: BasisPoints,
              },
              { additionalProperties: false },
            ),
          ),
          quantity: Quantity,
          discount: Type.Optional(Type.Union([DiscountSchema, Type.Null()])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    cartDiscount: Type.Optional(Type.Union([DiscountSchema, Type.Null()])),
    payments: Type.Array(
      Type.Object({ method: Method, amountMinor: PositiveMinor }, { additionalProperties: false }),
      {
        maxItems: 20,
      },
    ),
    approval: Type.Optional(ApprovalSchema),
  },
  { additionalProperties: false },
);

const TaxRow = Type.Object({ rateBp: Type.Integer(), netMinor: Type.Integer(), taxMinor: Type.Integer() });

export const SaleViewSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  registerId: Type.String(),
  locationId: Type.String(),
  staffId: Type.String(),
  staffName: Type.String(),
  createdAt: Type.String(),
  pricesIncludeTax: Type.Boolean(),
  lines: Type.Array(
    Type.Object({
      id: Type.String(),
      variantId: Type.Union([Type.String(), Type.Null()]),
      description: Type.String(),
      sku: Type.Union([Type.String(), Type.Null()]),
      barcode: Type.Union([Type.String(), Type.Null()]),
      quantity: Type.Integer(),
      unitPriceMinor: Type.Integer(),
      taxRateBp: Type.Integer(),
      lineDiscountMinor: Type.Integer(),
      cartDiscountMinor: Type.Integer(),
      taxMinor: Type.Integer(),
      totalMinor: Type.Integer(),
      misc: Type.Boolean(),
      returnedQuantity: Type.Integer(),
    }),
  ),
  totals: Type.Object({
    subtotalMinor: Type.Integer(),
    discountMinor: Type.Integer(),
    taxMinor: Type.Integer(),
    totalMinor: Type.Integer(),
    taxBreakdown: Type.Array(TaxRow),
  }),
  payments: Type.Array(Type.Object({ method: Method, amountMinor: Type.Integer() })),
  changeMinor: Type.Integer(),
  hasMisc: Type.Boolean(),
  shop: Type.Object({ name: Type.String(), address: Type.String(), receiptFooter: Type.String() }),
});
