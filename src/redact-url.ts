/**
 * A URL as it may be printed or logged: the password (and the user name with it) of `scheme://user:password@host`
 * becomes `***`. Text that is not a URL comes back unchanged, except an `x:y@` user-info part, masked the same way,
 * so even a URL the parser refuses never shows its password.
 */
export function redactUrl<T extends string | undefined>(value: T): T {
  if (value === undefined) return value;
  try {
    const url = new URL(value);
    if (!url.username && !url.password) return value;
    url.username = '***';
    url.password = '';
    return url.toString() as T;
  } catch {
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1***@') as T;
  }
}
