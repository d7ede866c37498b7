#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>


namespace Consilium::Sql {

// Opens (creating if missing) the SQLite file at `path` under a connection
// named `connectionName`, then turns on WAL, synchronous=NORMAL and foreign
// keys. QtSql connections belong to the thread that opens them, so every
// thread needs its own name. The caller calls close() when done.
Result<QSqlDatabase> open(const QString &path, const QString &connectionName);

// Closes the connection and removes it from QtSql's registry.
void close(const QString &connectionName);

// Returns a connection name that no other open connection in the process uses.
QString uniqueConnectionName(const QString &purpose);

// Runs one statement without bound values.
StoreStatus execute(QSqlDatabase &database, const QString &sql);

// Prepares `sql`, binds `values` to its positional placeholders and runs it.
// The query is returned so the caller can read rows or lastInsertId().
Result<QSqlQuery> run(QSqlDatabase &database, const QString &sql, const QVariantList &values = {});

// Binds values and runs an already prepared query, for statements repeated
// in a loop.
StoreStatus runPrepared(QSqlQuery &query, const QVariantList &values);

// A NULL of the given SQL type; QtSql needs the type to bind a NULL.
QVariant nullInteger();
QVariant nullText();

// A transaction that rolls back unless commit() is called.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    StoreStatus commit();

private:
    QSqlDatabase &m_database;
    bool m_active = false;
    QString m_error;
};

} // namespace Consilium::Sql
