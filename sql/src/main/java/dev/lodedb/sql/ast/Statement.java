package dev.lodedb.sql.ast;

/**
 * A complete SQL statement.
 */
public sealed interface Statement extends Node
        permits Query, Insert, Update, Delete, CreateTable, CreateTableAs, CreateView, CreateIndex,
        CreateSchema, CreateSequence, AlterSequence, AlterTable, Drop, TransactionStatement, Explain,
        Analyze, Vacuum, SetVariable, ShowVariable, ResetVariable, Copy, Truncate, Prepare, Execute,
        Deallocate, Discard {
}
