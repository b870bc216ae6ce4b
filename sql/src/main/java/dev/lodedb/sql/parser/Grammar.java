package dev.lodedb.sql.parser;

/**
 * One parse's rule objects sharing one {@link TokenCursor}; rules reach each other through it.
 *
 * <p>Not thread-safe: create one per parse.
 */
final class Grammar {

    final TokenCursor in;
    final ExpressionParser expressions;
    final PrimaryParser primaries;
    final FunctionParser functions;
    final TypeNameParser types;
    final QueryParser queries;
    final FromParser from;
    final DmlParser dml;
    final TableDdlParser tables;
    final DdlParser ddl;
    final UtilityParser utility;
    final TransactionParser transactions;
    final StatementParser statements;

    Grammar(TokenCursor in) {
        this.in = in;
        this.expressions = new ExpressionParser(this);
        this.primaries = new PrimaryParser(this);
        this.functions = new FunctionParser(this);
        this.types = new TypeNameParser(this);
        this.queries = new QueryParser(this);
        this.from = new FromParser(this);
        this.dml = new DmlParser(this);
        this.tables = new TableDdlParser(this);
        this.ddl = new DdlParser(this);
        this.utility = new UtilityParser(this);
        this.transactions = new TransactionParser(this);
        this.statements = new StatementParser(this);
    }
}
