/**
 * Applies method decorators (OpenAPI docs) from inside a parameter decorator, so that
 * one `@ZodBody`/`@ZodQuery` both validates a request part and documents it.
 */
export function decorateMethodOf(
  target: object,
  propertyKey: string | symbol | undefined,
  ...decorators: MethodDecorator[]
): void {
  if (propertyKey === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey);
  if (!descriptor) return;
  for (const decorate of decorators) decorate(target, propertyKey, descriptor);
}
