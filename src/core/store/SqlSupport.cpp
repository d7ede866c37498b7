#include "SqlSupport.h"

#include "common/Logging.h"

#include <QFileInfo>
#include <QDir>
#include <QMetaType>
#include <QSqlError>

#include <atomic>

namespace Consilium::Sql {

namespace {

QString describe(const QSqlError &error)
{
    const QString text = error.text().trimmed();
    return text.isEmpty() ? QStringLiteral("unknown SQLite error") : text;
}

// Reads the single value a PRAGMA returns, e.g. "wal" for journal_mode.
Result<QString> pragmaValue(QSqlDatabase &database, const QString &pragma)
{
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("PRAGMA ") + pragma) || !query.next())
        return Result<QString>::failure(QStringLiteral("PRAGMA %1 failed: %2").arg(pragma, describe(query.lastError())));
    return query.value(0).toString();
}

} // namespace

Result<QSqlDatabase> open(const QString &path, const QString &connectionName)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Result<QSqlDatabase>::failure(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));

    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    database.setDatabaseName(path);
    // Another connection (the recorder's thread, a second process) may hold
    // the write lock briefly; wait for it rather than failing at once.
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!database.open()) {
        const QString message = describe(database.lastError());
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return Result<QSqlDatabase>::failure(QStringLiteral("cannot open the database %1: %2").arg(path, message));
    }

    // WAL lets readers run while the recorder writes, and with
    // synchronous=NORMAL a commit survives a process crash (not a power
    // cut, which may lose the last commits but never corrupts the file).
    const Result<QString> journal = pragmaValue(database, QStringLiteral("journal_mode=WAL"));
    StoreStatus settings = execute(database, QStringLiteral("PRAGMA synchronous=NORMAL"));
    if (settings)
        settings = execute(database, QStringLiteral("PRAGMA foreign_keys=ON"));
    if (!journal || !settings) {
        const QString message = journal ? settings.error() : journal.error();
        database.close();
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return Result<QSqlDatabase>::failure(QStringLiteral("cannot set up the database %1: %2").arg(path, message));
    }
    if (journal.value() != u"wal")
        qCWarning(lcStore) << "journal_mode is" << journal.value() << "instead of wal for" << path;
    return database;
}

void close(const QString &connectionName)
{
    {
        QSqlDatabase database = QSqlDatabase::database(connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString uniqueConnectionName(const QString &purpose)
{
    static std::atomic<int> counter{0};
    return QStringLiteral("consilium.store.%1.%2").arg(purpose).arg(++counter);
}

StoreStatus execute(QSqlDatabase &database, const QString &sql)
{
    QSqlQuery query(database);
    if (!query.exec(sql))
        return StoreStatus::failure(describe(query.lastError()));
    return std::monostate{};
}

Result<QSqlQuery> run(QSqlDatabase &database, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(database);
    if (!query.prepare(sql))
        return Result<QSqlQuery>::failure(describe(query.lastError()));
    const StoreStatus status = runPrepared(query, values);
    if (!status)
        return Result<QSqlQuery>::failure(status.error());
    return query;
}

StoreStatus runPrepared(QSqlQuery &query, const QVariantList &values)
{
    int index = 0;
    for (const QVariant &value : values) {
        // QtSql binds a null QString as SQL NULL, but an empty text is not a
        // missing one: only the typed nulls of nullText() become NULL.
        const bool emptyText = value.typeId() == QMetaType::QString && !value.isNull() && value.toString().isNull();
        query.bindValue(index++, emptyText ? QVariant(QStringLiteral("")) : value);
    }
    if (!query.exec())
        return StoreStatus::failure(describe(query.lastError()));
    return std::monostate{};
}

QVariant nullInteger()
{
    return QVariant(QMetaType::fromType<qint64>());
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

Transaction::Transaction(QSqlDatabase &database) : m_database(database)
{
    m_active = m_database.transaction();
    if (!m_active)
        m_error = describe(m_database.lastError());
}

Transaction::~Transaction()
{
    if (m_active)
        m_database.rollback();
}

StoreStatus Transaction::commit()
{
    if (!m_active)
        return StoreStatus::failure(QStringLiteral("no transaction is active: %1").arg(m_error));
    m_active = false;
    if (!m_database.commit()) {
        const QString message = describe(m_database.lastError());
        m_database.rollback();
        return StoreStatus::failure(QStringLiteral("commit failed: %1").arg(message));
    }
    return std::monostate{};
}

} // namespace Consilium::Sql
