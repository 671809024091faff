/** What an express 5 router layer exposes to route-drift tests (not part of express's typings). */
export interface StackLayer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
}

/** Every `METHOD /path` an express 5 router mounts, with `:param` written as `{param}` (OpenAPI style). */
export function mountedRoutes(stack: StackLayer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${path}`);
    }
    if (layer.handle?.stack) {
      const mount = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
      return mountedRoutes(layer.handle.stack, `${prefix}${mount}`);
    }
    return [];
  });
}
