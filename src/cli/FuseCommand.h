#pragma once

#include "FuseOptions.h"

#include <QObject>
#include <QTextStream>

namespace Consilium {
class ChatClient;
class ModelCatalogue;
class TurnRunner;
struct Turn;
}

namespace Consilium::Cli {

class StoreSession;

// Runs one fused turn from the command line: fetches the catalogue for
// prices, runs the turn, prints the answer and the per-call table (or one
// JSON document), and reports the process exit code through done().
class FuseCommand : public QObject
{
    Q_OBJECT

public:
    enum ExitCode { Success = 0, TurnFailed = 1, UsageError = 2 };

    FuseCommand(FuseOptions options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    // Starts the work; `standardInput` supplies the prompt when the options
    // have none.
    void start(QIODevice *standardInput);
    // Stops every call in flight, e.g. on Ctrl+C.
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void runTurn();
    void onTurnFinished();
    void printTable(const Turn &turn);
    void stop(int exitCode, const QString &message);

    FuseOptions m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    ChatClient *m_client = nullptr;
    ModelCatalogue *m_catalogue = nullptr;
    TurnRunner *m_runner = nullptr;
    StoreSession *m_storeSession = nullptr; // with --store only
    bool m_answerStreamed = false;
};

} // namespace Consilium::Cli
