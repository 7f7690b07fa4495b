// Settings every DuckDB connection gets. duckdb-wasm ships without the parquet and json extensions and
// would try to download them from extensions.duckdb.org on first use (and hang without a network);
// the app must never contact another host (DESIGN §8), so autoloading is off and such SQL fails at once.
export const NO_NETWORK_SQL = `SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;`;
