# syntax=docker/dockerfile:1
# lienthong: multi-stage build. Stage 1 compiles TypeScript with the dev dependencies; stage 2
# is node:20-slim with production dependencies only, running as a non-root user.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 # tsc copies only .ts (and imported .json): bring every other asset of src/ (SQL migrations,
 # console pages, data files) next to the compiled code, where the modules look first.
 && (cd src && tar cf - --exclude='*.ts' .) | (cd dist && tar xf -)

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data/pglite
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY contracts ./contracts
COPY mappings ./mappings
COPY fixtures ./fixtures
# Also kept at the source path: migrate.ts falls back to it when dist has no .sql files.
COPY src/store/migrations ./src/store/migrations
# Non-root: the image's `node` user (uid 1000) owns only the data volume.
RUN mkdir -p /data/pglite && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/lienthong.js"]
CMD ["start"]
