/* outer /* sockcheck: ignore[SCK001] */ still code */
// line \
  sockcheck: ignore[SCK006]
