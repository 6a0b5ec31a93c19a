import { useEffect, useState } from 'react';

/** Routes live in the hash (`#/integrations/<id>`): deep links work from any static host, and no secret is ever in it. */
export function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const onChange = () => setParts(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parts;
}

export function go(path: string): void {
  window.location.hash = `#/${path}`;
}
