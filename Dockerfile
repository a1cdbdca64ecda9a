# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migration (docker-compose.yml picks the command).

# --- build: all dependencies, compile, then drop the dev dependencies ----------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests and the Prisma schema first, so the install layer survives code changes; the schema is
# needed by the postinstall hook (prisma generate). `npm ci` is avoided on purpose: it rejects this
# lockfile on registries that lack some other-OS optional packages.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Root-owned: the app (running as "node") cannot modify its own code or dependencies.
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The providers' OpenAPI contracts are read at run time (found by walking up from dist/).
COPY --from=build /app/libs/providers/contracts ./libs/providers/contracts
# The one directory the app writes: job artifacts (ARTIFACT_DIR, default .local/artifacts), shared by
# the api and the worker through a volume in docker-compose.yml. The "node" user comes with the image.
RUN mkdir -p .local/artifacts && chown node:node .local/artifacts
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "require('http').get('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
