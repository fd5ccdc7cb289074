"""QPĐP: the information system of Vietnamese local defence and military work."""
