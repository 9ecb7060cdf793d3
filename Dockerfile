# One image for every role: the compose file picks the command (api, worker, migrate, cli).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
COPY samples ./samples
# TypeScript is compiled on load by @swc-node/register; nothing is downloaded at run time.
USER node
EXPOSE 3000 3001
CMD ["node", "--require", "@swc-node/register", "apps/api/src/main.ts"]
