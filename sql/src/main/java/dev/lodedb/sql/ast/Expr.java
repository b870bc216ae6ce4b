package dev.lodedb.sql.ast;

/**
 * A value expression (PostgreSQL's {@code a_expr}).
 *
 * <p>Logical connectives are {@link BinaryOp} ({@code AND}, {@code OR}) and {@link UnaryOp}
 * ({@code NOT}) with the keyword in upper case as operator text.
 */
public sealed interface Expr extends Node
        permits IntegerLiteral, NumericLiteral, StringLiteral, BitStringLiteral, BooleanLiteral,
        NullLiteral, TypedLiteral, ColumnRef, Star, Parameter, UnaryOp, BinaryOp, IsTest,
        IsDistinctFrom, Between, InList, InSubquery, Like, CaseExpr, Cast, FunctionCall,
        NamedArgument, Exists, ScalarSubquery, ArraySubquery, QuantifiedComparison,
        ArrayConstructor, Subscript, FieldSelection, RowConstructor, Extract, Substring, Position,
        Trim, Overlay, SqlValueFunction, Collate, AtTimeZone, DefaultExpr, GroupingSet {
}
