import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { notFound } from '../shared/app-error.ts';
import { findProductView } from './catalog.repository.ts';
import {
  IdParams,
  NewProductBody,
  NewVariantBody,
  PageQuery,
  ProductChangesBody,
  ProductViewSchema,
  pageOf,
  VariantChangesBody,
  VariantViewSchema,
} from './catalog.schemas.ts';
import { catalogCsvRoutes } from './catalog-csv.routes.ts';
import { addVariant, createProduct } from './create-product.service.ts';
import { generateBarcodeForVariant } from './generate-barcode.service.ts';
import { lookupBarcode } from './lookup-barcode.service.ts';
import { searchProducts, searchVariants } from './search-catalog.service.ts';
import { updateProduct, updateVariant } from './update-catalog.service.ts';

const tags = ['catalog'];

/** Products, variants, barcodes. Reads need 'catalog.read' (cashiers too), writes 'catalog.write'. */
export const catalogRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  const read = requirePermission('catalog.read');
  const write = requirePermission('catalog.write');

  app.get(
    '/api/catalog/lookup',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The till scans a barcode: any GTIN form (UPC-A finds its EAN-13) or an internal code',
        querystring: Type.Object(
          { barcode: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: VariantViewSchema },
      },
    },
    async (request) => lookupBarcode(db, request.query.barcode),
  );

  app.get(
    '/api/catalog/variants',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Search variants by product name, title, SKU or barcode',
        querystring: PageQuery,
        response: { 200: pageOf(VariantViewSchema) },
      },
    },
    async (request) => searchVariants(db, request.query),
  );

  app.get(
    '/api/catalog/products',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Search products by name, or by a variant SKU or barcode',
        querystring: PageQuery,
        response: { 200: pageOf(ProductViewSchema) },
      },
    },
    async (request) => searchProducts(db, request.query),
  );

  app.get(
    '/api/catalog/products/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'One product with its variants',
        params: IdParams,
        response: { 200: ProductViewSchema },
      },
    },
    async (request) => {
      const product = await findProductView(db, request.params.id);
      if (!product) throw notFound('PRODUCT_NOT_FOUND', `no product ${request.params.id}`);
      return product;
    },
  );

  app.post(
    '/api/catalog/products',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Create a product with its variants',
        body: NewProductBody,
        response: { 201: ProductViewSchema },
      },
    },
    async (request, reply) => {
      const product = await db.transaction().execute((trx) => createProduct(trx, deps, request.body));
      return reply.status(201).send(product);
    },
  );

  app.patch(
    '/api/catalog/products/:id',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Change a product (name, description, tax rate, active)',
        params: IdParams,
        body: ProductChangesBody,
        response: { 200: ProductViewSchema },
      },
    },
    async (request) =>
      db.transaction().execute((trx) => updateProduct(trx, deps, request.params.id, request.body)),
  );

  app.post(
    '/api/catalog/products/:id/variants',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Add a variant to a product',
        params: IdParams,
        body: NewVariantBody,
        response: { 201: VariantViewSchema },
      },
    },
    async (request, reply) => {
      const variant = await db
        .transaction()
        .execute((trx) => addVariant(trx, deps, request.params.id, request.body));
      return reply.status(201).send(variant);
    },
  );

  app.patch(
    '/api/catalog/variants/:id',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Change a variant (SKU, barcode, price, cost, low-stock threshold, active)',
        params: IdParams,
        body: VariantChangesBody,
        response: { 200: VariantViewSchema },
      },
    },
    async (request) =>
      db.transaction().execute((trx) => updateVariant(trx, deps, request.params.id, request.body)),
  );

  app.post(
    '/api/catalog/variants/:id/generate-barcode',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Give an item without a barcode an in-store EAN-13 (prefix 20)',
        params: IdParams,
        response: { 200: VariantViewSchema },
      },
    },
    async (request) =>
      db.transaction().execute((trx) => generateBarcodeForVariant(trx, deps, request.params.id)),
  );
  await app.register(catalogCsvRoutes, { deps });
};
