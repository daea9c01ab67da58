// The tool's version, printed by --version and written into SARIF (keep in step with package.json).
export const VERSION = '0.1.0';
