# syntax=docker/dockerfile:1
# lienthong: multi-stage build. Stage 1 compiles TypeScript (and the web app bundle) with the dev
# dependencies; stage 2 is node:24-slim (Node 24 LTS) with production dependencies only, running
# the compiled dist/ as a non-root user under tini (PID 1 forwards SIGTERM, reaps children).
# No fixtures/ in the runtime image: the test PKI's private keys and demo data stay out of
# production (a production start must name NATIONAL_URL, SIGNING_*, TRUST_ANCHORS: CONFIG_INVALID).
# NODE_BASE: the official image by default; a machine without a registry builds its own base
# (Debian + Node 24 + npm + tini + a uid-1000 `node` user) with scripts/docker-image-local.sh.

ARG NODE_BASE=node:24-slim
FROM ${NODE_BASE} AS build
# pkcs11js (PKCS#11 signing tokens) is a native addon: node-gyp needs Python, make and a C++
# compiler, in this stage only; the runtime gets the built node_modules.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# The typed client is generated from the contracts' OpenAPI fragments during the build.
COPY contracts ./contracts
# `npm run build` compiles src/ to dist/ and copies every non-TypeScript asset (SQL migrations,
# console and login pages, styles, data tables) beside the compiled code.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM ${NODE_BASE} AS runtime
RUN test -x /usr/bin/tini || { apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*; }
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data/pglite \
    SHUTDOWN_DRAIN_SECONDS=25
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# Formats the gateway promises and checks against, and the code maps: data, no secrets.
COPY contracts ./contracts
COPY mappings ./mappings
# Non-root: the image's `node` user (uid 1000) owns only the data volume.
RUN mkdir -p /data/pglite && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 8080
# Below the orchestrator's grace period (docker stop: 10 s by default; use --stop-timeout 30).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/lienthong.js"]
CMD ["start"]
