/**
 * Configuration: YAML with environment overrides, validated into {@link
 * dev.tollgate.app.config.GatewayConfig}; secrets only from the environment or mounted files.
 */
package dev.tollgate.app.config;
