# One image for every service: APP picks the bundle (e.g. APP=users/main.js).
FROM node:24-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /repo/dist ./dist
ARG APP=gateway/main.js
ENV APP=${APP}
USER node
CMD ["sh", "-c", "exec node dist/apps/$APP"]
