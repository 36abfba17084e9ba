/*
 * main's return value must reach the host via SYS_EXIT_EXTENDED.
 * Host expects: no output, exit status 42.
 */
int main(void)
{
    return 42;
}
