#include "Logging.h"

Q_LOGGING_CATEGORY(lcProvider, "consilium.provider", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSse, "consilium.provider.sse", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCatalogue, "consilium.provider.catalogue", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFusion, "consilium.fusion", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeys, "consilium.provider.keys", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "consilium.store", QtInfoMsg)
