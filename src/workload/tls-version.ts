/** The TLS version spelling Thanos flags use (`1.2`) for the API's `TLS12`; "" for anything else. */
export function thanosTlsVersion(v: string | undefined): string {
  switch (v) {
    case 'TLS10':
      return '1.0';
    case 'TLS11':
      return '1.1';
    case 'TLS12':
      return '1.2';
    case 'TLS13':
      return '1.3';
    default:
      return '';
  }
}
