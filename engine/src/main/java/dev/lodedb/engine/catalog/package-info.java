/**
 * The catalog: schemas, tables (columns with stable ids, primary keys, schema versions) and views,
 * as immutable snapshots ({@link dev.lodedb.engine.catalog.Catalog}) persisted in the key-value
 * store ({@link dev.lodedb.engine.catalog.CatalogStore}).
 */
package dev.lodedb.engine.catalog;
