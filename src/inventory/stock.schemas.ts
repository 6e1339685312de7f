import { Type } from 'typebox';
import { VariantViewSchema } from '../catalog/catalog.schemas.ts';
import { MAX_MOVEMENT_QUANTITY, MOVEMENT_REASONS } from '../core/ledger-rules.ts';

/**
 * Request and response shapes of the stock API (CONTRACT.md, Inventory). Bodies refuse unknown
 * fields; quantities are integers within MAX_MOVEMENT_QUANTITY, so "5", 2.5 or 10^12 never reach a
 * service. The pure planners check the same rules again for callers that are not HTTP.
 */
export const Id = Type.String({ minLength: 1, maxLength: 100 });
const Note = Type.String({ maxLength: 1000 });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_MOVEMENT_QUANTITY });
/** A client-made document id (`rcv_01J…`), optional: with it a retry cannot record the document twice. */
const DocumentId = (prefix: string) =>
  Type.Optional(Type.String({ pattern: `^${prefix}_[0-9A-Za-z]{10,64}$` }));
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const QuantityLines = Type.Array(
  Type.Object({ variantId: Id, quantity: Quantity }, { additionalProperties: false }),
  { minItems: 1, maxItems: 1000 },
);

export const ReceiptBody = Type.Object(
  {
    id: DocumentId('rcv'),
    locationId: Id,
    lines: QuantityLines,
    note: Type.Optional(Note),
    reference: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const AdjustmentBody = Type.Object(
  {
    id: DocumentId('adj'),
    locationId: Id,
    variantId: Id,
    delta: Type.Integer({ minimum: -MAX_MOVEMENT_QUANTITY, maximum: MAX_MOVEMENT_QUANTITY }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const CountBody = Type.Object(
  {
    id: DocumentId('cnt'),
    locationId: Id,
    lines: Type.Array(
      Type.Object(
        { variantId: Id, counted: Type.Integer({ minimum: 0, maximum: MAX_MOVEMENT_QUANTITY }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);

export const TransferBody = Type.Object(
  {
    id: DocumentId('trf'),
    fromLocationId: Id,
    toLocationId: Id,
    lines: QuantityLines,
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);

export const MovementSchema = Type.Object({
  id: Type.String(),
  variantId: Type.String(),
  locationId: Type.String(),
  locationName: Type.String(),
  onHandDelta: Type.Integer(),
  committedDelta: Type.Integer(),
  reason: Type.Enum([...MOVEMENT_REASONS]),
  note: Nullable(Type.String()),
  sourceType: Type.String(),
  sourceId: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const StockDocumentSchema = Type.Object({ id: Type.String(), movements: Type.Array(MovementSchema) });

export const LevelSchema = Type.Object({
  variantId: Type.String(),
  locationId: Type.String(),
  onHand: Type.Integer(),
  committed: Type.Integer(),
  available: Type.Integer(),
});

export const LowStockSchema = Type.Object({
  variant: VariantViewSchema,
  locationId: Type.String(),
  onHand: Type.Integer(),
  committed: Type.Integer(),
  available: Type.Integer(),
  threshold: Type.Union([Type.Integer(), Type.Null()]),
});

export const LocationSchema = Type.Object({ id: Type.String(), name: Type.String(), active: Type.Boolean() });
