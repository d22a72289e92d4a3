/** How a config value names an environment variable: `${NAME}` (read when the config is loaded). */
export const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
