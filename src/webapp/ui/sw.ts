/**
 * The app's service worker (scope /app/): keeps the page and its bundle so that a report
 * reloaded with the network cut still opens; the data reads are kept by the app itself
 * (offline-cache.ts). Network first, always: a new version is served as soon as the server
 * answers, the copy only when it does not. Nothing but the app's own GETs is touched.
 */

// The DOM lib is this folder's; the few worker types used here are declared, not the whole webworker lib.
interface WorkerEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerEvent {
  readonly request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (e: WorkerEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: WorkerFetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}
const worker = self as unknown as WorkerScope;

const SHELL_CACHE = 'lienthong-shell-v1';
const PAGE = '/app/';
const SHELL = [PAGE, '/app/assets/app.css', '/app/assets/build/app.js'];

/** The app's page (any #route is the same request) or one of its static files. */
function isShell(url: URL, request: Request): boolean {
  if (url.origin !== worker.location.origin || request.method !== 'GET') return false;
  return (request.mode === 'navigate' && url.pathname === PAGE) || url.pathname.startsWith('/app/assets/');
}

async function storeIfGood(key: string, res: Response): Promise<void> {
  // A redirect to the login page (session ended) or an error is never kept as the app.
  if (res.ok && res.type === 'basic' && !res.redirected) await (await caches.open(SHELL_CACHE)).put(key, res);
}

worker.addEventListener('install', (e) => {
  e.waitUntil(
    Promise.all(
      SHELL.map((path) =>
        fetch(path, { credentials: 'same-origin' })
          .then((res) => storeIfGood(path, res))
          .catch(() => undefined),
      ),
    ).then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('lienthong-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (!isShell(url, e.request)) return;
  const key = url.pathname === PAGE ? PAGE : url.pathname;
  e.respondWith(
    fetch(e.request).then(
      (res) => {
        void storeIfGood(key, res.clone()).catch(() => undefined);
        return res;
      },
      async (err: unknown) => {
        const hit = await caches.match(key, { cacheName: SHELL_CACHE });
        if (hit) return hit;
        throw err;
      },
    ),
  );
});
