/**
 * Proof for the Helm chart in {@code deploy/helm/tollgate} without a cluster: {@code helm lint}
 * and {@code helm template} over the values sets a platform uses, every rendered manifest parsed
 * into the typed Kubernetes API models and refused when it carries a field the API does not know,
 * and the values schema refusing typos and inline secrets.
 */
package dev.tollgate.deploy;
