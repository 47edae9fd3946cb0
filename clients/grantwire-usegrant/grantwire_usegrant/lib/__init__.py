"""grantwire_usegrant's hand-written code: the front door, the token source and the rest built on the
generated operations. The generator never writes this folder (see ARCHITECTURE.md); the package's
public modules (``grantwire_usegrant.front_door``, ``.tokens``, …) re-export these."""
