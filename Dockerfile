# One image for every role: the compose file picks the command (api, worker, migrate, cli).
# .ci/run repeats both stages by hand (no container engine on CI): keep its copy step in step with
# the runtime stage's COPY lines, which it reads from this file.

# Build: every dependency, the checks (types, boundaries, env access), then `nest build` -> dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run lint && npm run build

# Runtime: production dependencies and compiled JavaScript only; no TypeScript, no sources.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The bundled sample posts the compose `seed` service imports.
COPY samples ./samples
USER node
EXPOSE 3000 3001
CMD ["node", "dist/apps/api/src/main.js"]
