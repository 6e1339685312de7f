import type { SandboxContext } from '../context.ts';
import { scopesOf } from '../control/app-scopes.ts';
import { gid } from '../gid.ts';

/** `currentAppInstallation { accessScopes { handle } }`: what the token may do on this shop. */
export const appInstallationQueries = {
  currentAppInstallation: (_: unknown, ctx: SandboxContext) => ({
    __typename: 'AppInstallation',
    id: gid('AppInstallation', ctx.shop.id),
    accessScopes: scopesOf(ctx.db, ctx.shop.id).map((handle) => ({
      handle,
      description: `Access scope ${handle}`,
    })),
  }),
};
