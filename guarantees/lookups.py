"""Case-insensitive containment that folds Cyrillic on SQLite as well as on PostgreSQL.

SQLite's LIKE folds ASCII only, so `icontains="жив"` misses "Живой". On SQLite the lookup compares
Python-casefolded strings through a function registered on each connection; elsewhere it is `icontains`.
"""

from django.db.backends.signals import connection_created
from django.db.models import CharField, Lookup, TextField
from django.db.models.lookups import IContains
from django.dispatch import receiver

CASEFOLD_FUNCTION = "py_casefold"


def casefold(value):
    return value.casefold() if isinstance(value, str) else value


@receiver(connection_created)
def register_casefold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(CASEFOLD_FUNCTION, 1, casefold, deterministic=True)


@CharField.register_lookup
@TextField.register_lookup
class FoldedContains(Lookup):
    lookup_name = "fcontains"

    def as_sql(self, compiler, connection):
        return compiler.compile(IContains(self.lhs, self.rhs))

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"instr({CASEFOLD_FUNCTION}({lhs}), {CASEFOLD_FUNCTION}({rhs})) > 0", (*lhs_params, *rhs_params)
