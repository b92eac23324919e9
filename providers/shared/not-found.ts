/**
 * The error codes that mean "the operation is not (yet) known" (CONTRACT:
 * `EntityNotExists.*` or `ResourceNotFound`). Other codes, even with HTTP 404
 * (`InvalidAccessKeyId.NotFound`, Huawei `BCS.4040404` unknown URL), are not.
 */

/** True for `ResourceNotFound` and `EntityNotExists` / `EntityNotExists.*`; the HTTP status does not matter. */
export function isNotFoundCode(code: string): boolean {
  return code === "ResourceNotFound" || code === "EntityNotExists" || code.startsWith("EntityNotExists.");
}
