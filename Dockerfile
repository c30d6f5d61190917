# prometheus-krm as a container image, for two uses:
#
#  - a containerized KRM function (kpt fn eval --image, a kpt pipeline's
#    `image:`, a kustomize KRM container transformer): the default entrypoint
#    reads a ResourceList on stdin and writes one on stdout;
#  - an Argo CD config management plugin sidecar: the repo-server patch runs
#    /var/run/argocd/argocd-cmp-server as the container's command, which reads
#    /home/argocd/cmp-server/config/plugin.yaml and runs `prometheus-krm render .`
#    through sh. Hence alpine rather than distroless: the plugin's discover and
#    generate commands need sh, find and grep.
#
#   docker build -t prometheus-krm .
#   kpt fn eval PKG --image prometheus-krm --fn-config render-options.yaml

# Build: install the toolchain, bundle src/ into dist/prometheus-krm.cjs (and its code cache).
FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/ scripts/
COPY src/ src/
# The build runs bin/prometheus-krm once, to write the code cache.
COPY bin/ bin/
RUN node scripts/build.mjs

# Run: node plus the single-file bundle; no node_modules, no sources.
FROM node:20-alpine
WORKDIR /app
# The package metadata beside bin/ (whose own package.json makes bin/prometheus-krm CommonJS) and dist/.
COPY package.json ./
COPY bin/ bin/
COPY --from=build /src/dist/ dist/
COPY plugin.yaml /home/argocd/cmp-server/config/plugin.yaml
ENV PATH=/app/bin:$PATH \
    NODE_ENV=production
# Argo CD runs its sidecars as uid 999 (the repo-server's user, which shares
# the plugin socket folder with it); any non-root uid works for kpt and kustomize.
USER 999:999
ENTRYPOINT ["/app/bin/prometheus-krm"]
CMD []
