import { ExecutionContext, createParamDecorator } from '@nestjs/common';

/**
 * The parsed query object as is, for Magento searchCriteria (validated by @inventory/msi-api, not
 * by a DTO). A custom decorator also keeps Swagger from introspecting an untyped parameter.
 */
export const RawQuery = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): unknown =>
    ctx.switchToHttp().getRequest<{ query: unknown }>().query,
);

/** All request headers, lower-cased names. */
export const RequestHeaders = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Record<string, string | string[] | undefined> =>
    ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>()
      .headers,
);
