/**
 * The app's reads kept in the browser's Cache Storage, so a page reloaded with the network cut
 * still shows what the user last saw (the service worker, `sw.ts`, keeps the page and its
 * bundle). Network first: the cache answers only when the server cannot be reached, and the
 * app says so (`onConnectivity`). The cache belongs to one account: it is emptied at logout and
 * when another account logs in on the same browser (a shared office computer).
 */
const DATA_CACHE = 'lienthong-data-v1';
const OWNER_KEY = 'lienthong.cacheOwner';

type Listener = (offline: boolean) => void;
const listeners = new Set<Listener>();
let offline = false;

function setOffline(next: boolean): void {
  if (next === offline) return;
  offline = next;
  for (const l of listeners) l(offline);
}

/** Called with true when an answer came from the browser's copy, false once the server answers again. */
export function onConnectivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isOffline(): boolean {
  return offline;
}

const cacheAvailable = () => typeof caches !== 'undefined';

const SESSION_PATH = '/api/v1/session';
/** Every write to the cache, in order: a claim (which empties it) never lands after the reads it precedes. */
let writes: Promise<unknown> = Promise.resolve();
function inOrder(work: () => Promise<unknown>): Promise<void> {
  const next = writes.then(work).catch(() => undefined);
  writes = next;
  return next.then(() => undefined);
}

/**
 * The copy belongs to the account whose session it holds: when another account's session
 * arrives (a shared office computer), the earlier copy and that account's unsaved cells are
 * dropped (they are not this user's to see or send).
 */
async function claimFor(session: Response): Promise<void> {
  const body = (await session.clone().json()) as { principal?: { id?: string } | null };
  const owner = body.principal?.id;
  if (!owner || localStorage.getItem(OWNER_KEY) === owner) return;
  await caches.delete(DATA_CACHE);
  for (const key of Object.keys(localStorage)) if (key.startsWith('lienthong.pending.')) localStorage.removeItem(key);
  localStorage.setItem(OWNER_KEY, owner);
}

/** `fetch` for the typed client: GETs are copied into the cache and answered from it when the network fails. */
export async function offlineFetch(request: Request): Promise<Response> {
  if (request.method !== 'GET' || !cacheAvailable()) return fetch(request);
  const key = request.url;
  try {
    const res = await fetch(request);
    setOffline(false);
    if (res.ok) {
      // Cloned now: the caller reads the body while the copy is being stored.
      const copy = res.clone();
      const session = new URL(key).pathname === SESSION_PATH;
      void inOrder(async () => {
        if (session) await claimFor(copy);
        await (await caches.open(DATA_CACHE)).put(key, copy);
      });
    }
    return res;
  } catch (err) {
    const hit = await caches
      .open(DATA_CACHE)
      .then((c) => c.match(key))
      .catch(() => undefined);
    if (!hit) throw err;
    setOffline(true);
    return hit;
  }
}

/** Rewrites the stored copy of a JSON read (after a save, so a reload offline shows the saved figures). */
export async function updateCachedJson<T>(path: string, update: (value: T) => T): Promise<void> {
  if (!cacheAvailable()) return;
  const key = new URL(path, location.origin).href;
  await inOrder(async () => {
    const cache = await caches.open(DATA_CACHE);
    const hit = await cache.match(key);
    if (!hit) return;
    const next = update((await hit.json()) as T);
    await cache.put(key, new Response(JSON.stringify(next), { headers: { 'content-type': 'application/json' } }));
  });
}

/** At logout: the account's reads leave the browser (its unsaved cells stay, for its next login). */
export async function forgetCachedData(): Promise<void> {
  if (cacheAvailable()) await inOrder(() => caches.delete(DATA_CACHE));
}
