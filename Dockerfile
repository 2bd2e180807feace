# One image for the three apps; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
COPY bench ./bench
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web console's static files are read from the source tree at boot.
COPY --from=build /app/apps/api/src/console/public ./apps/api/src/console/public
# The national reference data is read and validated at boot (a start without it stops).
COPY reference ./reference
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
