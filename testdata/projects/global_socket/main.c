void init_socket(void);
int start_listening(unsigned short port);

int main(void)
{
    init_socket();
    return start_listening(5000) < 0; /* expect: SCK001 */
}
