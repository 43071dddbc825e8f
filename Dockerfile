# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
ENV COREPACK_INTEGRITY_KEYS=0 REDISMS_DISABLE_POSTINSTALL=1
RUN corepack enable
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm --filter @tollgate/server deploy --prod --legacy /out/server \
 && mkdir -p /out/web && cp -r web/dist /out/web/dist

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=4000 WEB_DIST_DIR=/app/web/dist
WORKDIR /app
COPY --from=build /out/server /app/server
COPY --from=build /out/web /app/web
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "server/dist/index.js"]
